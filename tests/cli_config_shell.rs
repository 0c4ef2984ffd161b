//! `dossier config`, `completions`, `man` and `--version` end to end, with the exit codes the
//! README documents.

use std::path::Path;
use std::process::{Command, Output};

fn dossier(args: &[&str], home: &Path, env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dossier"));
    command
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("DOSSIER_CONFIG");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("the dossier binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn config_path_follows_the_flag_then_the_environment_then_the_config_folder() {
    let home = tempfile::tempdir().unwrap();
    let out = dossier(&["config", "path"], home.path(), &[]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout).trim(),
        home.path()
            .join("config/dossier/config.toml")
            .display()
            .to_string()
    );
    let out = dossier(
        &["config", "path"],
        home.path(),
        &[("DOSSIER_CONFIG", "/tmp/env.toml")],
    );
    assert_eq!(text(&out.stdout).trim(), "/tmp/env.toml");
    let out = dossier(
        &["config", "path", "--config", "/tmp/flag.toml"],
        home.path(),
        &[("DOSSIER_CONFIG", "/tmp/env.toml")],
    );
    assert_eq!(text(&out.stdout).trim(), "/tmp/flag.toml");
}

#[test]
fn config_init_writes_once_and_replaces_only_when_forced() {
    let home = tempfile::tempdir().unwrap();
    let out = dossier(&["config", "init"], home.path(), &[]);
    assert!(out.status.success(), "{out:?}");
    let file = home.path().join("config/dossier/config.toml");
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.contains("# theme = \"auto\""));
    assert!(written.contains("[keys.reading]"));

    std::fs::write(&file, "theme = \"light\"\n").unwrap();
    let out = dossier(&["config", "init"], home.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr)
            .contains("already exists; use `dossier config init --force` to replace it"),
        "{out:?}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "theme = \"light\"\n"
    );

    let out = dossier(&["config", "init", "--force"], home.path(), &[]);
    assert!(out.status.success());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), written);
    let leftovers: Vec<_> = std::fs::read_dir(file.parent().unwrap()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file left behind");
}

#[test]
fn config_check_reports_each_problem_and_exits_1() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("c.toml");
    std::fs::write(&file, "theme = \"purple\"\n[keys.reading]\nNope = \"x\"\n").unwrap();
    let flag = file.to_str().unwrap();
    let out = dossier(&["config", "check", "--config", flag], home.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("{flag}:1: theme: 'purple' is not a theme")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "{flag}:3: keys.reading.Nope: unknown action 'Nope'"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("2 problems in"), "{stderr}");

    std::fs::write(&file, "library = [\"missing\"]\n").unwrap();
    let out = dossier(&["config", "check", "--config", flag], home.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let missing = home.path().join("missing");
    assert!(
        text(&out.stderr).contains(&format!(
            "{flag}: library: the folder {} does not exist",
            missing.display()
        )),
        "{out:?}"
    );

    std::fs::write(&file, "theme = \"mono\"\n").unwrap();
    let out = dossier(&["config", "check", "--config", flag], home.path(), &[]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(text(&out.stdout), format!("{flag}: no problems\n"));
}

#[test]
fn completions_cover_the_commands_for_each_shell() {
    let home = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef dossier"),
        ("fish", "complete -c dossier"),
    ] {
        let out = dossier(&["completions", shell], home.path(), &[]);
        assert!(out.status.success(), "{shell}: {out:?}");
        let script = text(&out.stdout);
        assert!(script.contains(marker), "{shell}");
        for command in ["entities", "config", "completions", "mark-read"] {
            assert!(script.contains(command), "{shell} completes {command}");
        }
    }
    let out = dossier(&["completions", "tcsh"], home.path(), &[]);
    assert_eq!(out.status.code(), Some(2), "a usage error");
}

#[test]
fn the_man_page_and_version_come_from_the_cli_definition() {
    let home = tempfile::tempdir().unwrap();
    let out = dossier(&["man"], home.path(), &[]);
    assert!(out.status.success());
    let page = text(&out.stdout);
    assert!(page.starts_with(".ie"), "{}", &page[..page.len().min(200)]);
    assert!(page.contains(".TH dossier 1"), "the title header");
    assert!(page.contains("completions"));
    assert!(page.contains("Exit status"));
    let out = dossier(&["--version"], home.path(), &[]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        format!("dossier {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn add_saves_into_the_one_configured_library_folder() {
    let home = tempfile::tempdir().unwrap();
    let library = home.path().join("briefings");
    std::fs::create_dir(&library).unwrap();
    let config = home.path().join("c.toml");
    std::fs::write(&config, "library = [\"briefings\"]\n").unwrap();
    let article = home.path().join("memo.md");
    std::fs::write(
        &article,
        "---\ntitle: Port memo\n---\n\nThe port reopened.\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["--feeds", "feeds.json", "add", article.to_str().unwrap()])
        .current_dir(home.path())
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("DOSSIER_CONFIG", &config)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let saved: Vec<_> = std::fs::read_dir(&library).unwrap().flatten().collect();
    assert_eq!(saved.len(), 1, "{out:?}");
}
