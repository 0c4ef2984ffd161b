//! The user's sample article, read as the real parser will deliver it: header lines (date,
//! title, byline) taken out, the byline as `Article::author`.

use std::path::Path;

use dossier::{EntityKind, extract_entities, parse_plain_body};

const SAMPLE: &str = "../shared/articles/central-asian-jihadists-return-home.txt";

#[test]
fn every_person_group_and_country_of_the_sample_and_nothing_else() {
    let text = std::fs::read_to_string(SAMPLE).expect("the sample article is beside the repo");
    let mut blocks = text.split("\n\n").map(str::trim).filter(|b| !b.is_empty());
    let _date = blocks.next();
    let title = blocks.next().expect("a title").to_string();
    let byline = blocks.next().expect("a byline").to_string();
    let body: Vec<&str> = blocks.collect();
    let mut article = parse_plain_body(Path::new(SAMPLE), &body.join("\n\n"));
    article.title = title;
    article.author = Some(byline);
    let entities = extract_entities(&article);
    let mut people: Vec<&str> = entities
        .of_kind(EntityKind::Person)
        .map(|e| e.name.as_str())
        .collect();
    people.sort_unstable();
    assert_eq!(
        people,
        [
            "Andrey Serenko",
            "Jeffrey Feltman",
            "Lev Korolkov",
            "Paul Goble"
        ]
    );
    let mut groups: Vec<&str> = entities
        .of_kind(EntityKind::Group)
        .map(|e| e.name.as_str())
        .collect();
    groups.sort_unstable();
    assert_eq!(groups.len(), 7, "{groups:?}");
    for part in [
        "Islamic State",
        "United Nations",
        "Moscow Center for the Study of Contemporary Azerbaijan",
        "Islamic Movement of Uzbekistan",
        "Taliban",
        "an-Nursa Front",
        "Lashkar-i-Horasan",
    ] {
        assert!(
            groups.iter().any(|g| g.contains(part)),
            "{part} missing from {groups:?}"
        );
    }
    let mut countries: Vec<&str> = entities
        .of_kind(EntityKind::Country)
        .map(|e| e.name.as_str())
        .collect();
    countries.sort_unstable();
    assert_eq!(
        countries,
        [
            "Afghanistan",
            "Iraq",
            "Kazakhstan",
            "Kyrgyzstan",
            "Russia",
            "Syria",
            "Tajikistan",
            "Turkmenistan",
            "Uzbekistan"
        ]
    );
    let goble = entities
        .entities
        .iter()
        .find(|e| e.name == "Paul Goble")
        .expect("the author");
    assert!(goble.byline && goble.mentions.is_empty());
    let serenko = entities
        .entities
        .iter()
        .find(|e| e.name == "Andrey Serenko")
        .expect("Serenko");
    assert_eq!(
        serenko.mentions.len(),
        4,
        "the full name and three surname mentions"
    );
}
