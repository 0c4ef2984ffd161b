//! One fixture per hard case of entity extraction, under tests/fixtures/entities/.

use std::path::Path;

use dossier::{Article, Entities, Entity, EntityKind, extract_entities, parse_plain_body};

fn fixture(name: &str) -> Article {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/entities")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    parse_plain_body(&path, &text)
}

fn names(entities: &Entities, kind: EntityKind) -> Vec<&str> {
    entities.of_kind(kind).map(|e| e.name.as_str()).collect()
}

fn find<'a>(entities: &'a Entities, name: &str) -> &'a Entity {
    entities
        .entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("{name} not found in {entities:#?}"))
}

fn texts<'a>(article: &'a Article, entity: &Entity) -> Vec<&'a str> {
    entity.mentions.iter().map(|m| m.text(article)).collect()
}

#[test]
fn georgia_beside_us_states_is_not_a_country() {
    let e = extract_entities(&fixture("georgia-the-state.txt"));
    assert!(names(&e, EntityKind::Country).is_empty(), "{e:#?}");
}

#[test]
fn georgia_beside_russia_and_tbilisi_is_a_country() {
    let e = extract_entities(&fixture("georgia-the-country.txt"));
    assert_eq!(names(&e, EntityKind::Country), ["Georgia", "Russia"]);
    assert_eq!(find(&e, "Georgia").mentions.len(), 2);
}

#[test]
fn jordan_as_a_players_name_is_a_person_not_a_country() {
    let a = fixture("jordan-the-player.txt");
    let e = extract_entities(&a);
    assert!(names(&e, EntityKind::Country).is_empty(), "{e:#?}");
    assert_eq!(
        texts(&a, find(&e, "Michael Jordan")),
        ["Michael Jordan", "Jordan"]
    );
}

#[test]
fn jordan_taking_refugees_from_syria_is_a_country() {
    let a = fixture("jordan-the-country.txt");
    let e = extract_entities(&a);
    assert_eq!(names(&e, EntityKind::Country), ["Syria", "Jordan"]);
    assert_eq!(find(&e, "Jordan").mentions.len(), 2);
    assert_eq!(find(&e, "World Bank").kind, EntityKind::Group);
}

#[test]
fn chad_before_a_surname_is_a_given_name() {
    let a = fixture("chad-the-name.txt");
    let e = extract_entities(&a);
    assert_eq!(
        texts(&a, find(&e, "Chad Hutchins")),
        ["Chad Hutchins", "Hutchins"]
    );
    let chad = find(&e, "Chad");
    assert_eq!(chad.kind, EntityKind::Country);
    assert_eq!(chad.mentions.len(), 1);
    assert_eq!(chad.mentions[0].paragraph, 1);
}

#[test]
fn the_niger_delta_is_a_place_in_nigeria() {
    let e = extract_entities(&fixture("niger-delta.txt"));
    assert_eq!(names(&e, EntityKind::Country), ["Nigeria"]);
}

#[test]
fn an_acronym_in_parentheses_joins_its_long_form() {
    let a = fixture("acronym-in-parentheses.txt");
    let e = extract_entities(&a);
    let council = find(&e, "Eurasian Research Council");
    assert_eq!(council.kind, EntityKind::Group);
    assert_eq!(
        texts(&a, council),
        ["Eurasian Research Council", "ERC", "ERC"]
    );
    assert_eq!(names(&e, EntityKind::Group), ["Eurasian Research Council"]);
}

#[test]
fn an_acronym_joins_the_name_whose_initials_it_spells() {
    let a = fixture("acronym-by-initials.txt");
    let e = extract_entities(&a);
    let front = find(&e, "Turkestan Liberation Front");
    assert_eq!(texts(&a, front), ["Turkestan Liberation Front", "TLF"]);
}

#[test]
fn long_names_with_of_and_for_are_one_group_and_no_country() {
    let a = fixture("long-name-with-of.txt");
    let e = extract_entities(&a);
    assert_eq!(
        names(&e, EntityKind::Group),
        [
            "Kazan Center for the Study of Contemporary Tatarstan",
            "Islamic Movement of Turkestan"
        ]
    );
    assert_eq!(names(&e, EntityKind::Person), ["Ivan Petrov"]);
    assert!(names(&e, EntityKind::Country).is_empty(), "{e:#?}");
}

#[test]
fn transliterated_group_names_are_groups() {
    let a = fixture("transliterated-groups.txt");
    let e = extract_entities(&a);
    let groups = names(&e, EntityKind::Group);
    for expected in ["Harakat ul-Mujahideen", "Lashkar-i-Jhangvi"] {
        assert!(
            groups.contains(&expected),
            "{expected} missing from {groups:?}"
        );
    }
    // the gazetteer knows the front under its usual spelling
    assert_eq!(texts(&a, find(&e, "al-Nusra Front")), ["an-Nusra Front"]);
    assert!(names(&e, EntityKind::Person).is_empty(), "{e:#?}");
}

#[test]
fn a_surname_alone_is_the_person_named_in_full_earlier() {
    let a = fixture("surname-coreference.txt");
    let e = extract_entities(&a);
    assert_eq!(names(&e, EntityKind::Person), ["Andrei Kozlov"]);
    assert_eq!(
        texts(&a, find(&e, "Andrei Kozlov")),
        ["Andrei Kozlov", "Kozlov", "Kozlov"]
    );
}

#[test]
fn capitals_at_sentence_starts_are_not_names() {
    let e = extract_entities(&fixture("sentence-initial-capitals.txt"));
    assert!(e.entities.is_empty(), "{e:#?}");
}

#[test]
fn titles_are_not_part_of_names_and_headings_name_no_one() {
    let a = fixture("titles-and-headings.txt");
    let e = extract_entities(&a);
    assert_eq!(
        names(&e, EntityKind::Person),
        ["Boris Yeltsin", "Maria Petrova", "Grigory Karasin"]
    );
    assert!(find(&e, "Grigory Karasin").mentions[0].paragraph == 1);
}

#[test]
fn demonyms_are_mentions_of_their_country() {
    let a = fixture("demonyms.txt");
    let e = extract_entities(&a);
    assert_eq!(
        names(&e, EntityKind::Country),
        ["Kazakhstan", "Kyrgyzstan", "Russia"]
    );
    assert_eq!(texts(&a, find(&e, "Kazakhstan")), ["Kazakhs"]);
    assert!(find(&e, "Russia").reason.contains("demonym"));
}

#[test]
fn regions_and_cities_are_neither_countries_nor_groups() {
    let e = extract_entities(&fixture("regions-and-cities.txt"));
    assert!(e.entities.is_empty(), "{e:#?}");
}

#[test]
fn the_byline_author_is_a_person_without_body_mentions() {
    let mut article = fixture("demonyms.txt");
    article.author = Some("Paul Goble".to_string());
    let e = extract_entities(&article);
    let author = find(&e, "Paul Goble");
    assert_eq!(author.kind, EntityKind::Person);
    assert!(author.byline);
    assert!(author.mentions.is_empty());
    assert_eq!(author.reason, "byline");
}

#[test]
fn the_author_named_in_the_body_is_one_entity() {
    let mut article = fixture("surname-coreference.txt");
    article.author = Some("Andrei Kozlov".to_string());
    let e = extract_entities(&article);
    let people: Vec<&Entity> = e.of_kind(EntityKind::Person).collect();
    assert_eq!(people.len(), 1);
    assert!(people[0].byline);
    assert_eq!(people[0].mentions.len(), 3);
}

#[test]
fn extraction_is_deterministic() {
    let a = fixture("long-name-with-of.txt");
    assert_eq!(extract_entities(&a), extract_entities(&a));
}

#[test]
fn hostile_text_never_panics_and_offsets_stay_on_char_boundaries() {
    let samples = [
        "",
        "\u{202e}Evil\u{202c} Corp said",
        "É. Ü. Ñandú Ôrganization of Ωmega (ΩO) said",
        "a-'b c'- -d- U.S.A.B.C.D. ...'s ’s ' '' s's A.",
        "al- an-  bin ibn -Z Z- X&Y && A&&B Q.E.D..",
        "Lashkar-i- -i-Horasan Hizb- ut-",
        "中国 北京 Россия Путин said Ἀθῆναι",
        "👍 Serenko 👍 said 👍 U.N. 👍",
        "1,000,000.00-1996-08-30 2-1 .596 - 5 1/2",
        "Mr. Dr. President of of of the the Ministry of",
        "O'Brien O’Neill d'Estaing D’Alema McDonald MacArthur",
    ];
    let mut long = String::new();
    for i in 0..2000 {
        long.push_str(if i % 3 == 0 { "Ab " } else { "x-Y " });
    }
    for text in samples
        .iter()
        .copied()
        .chain(std::iter::once(long.as_str()))
    {
        let article = parse_plain_body(Path::new("hostile.txt"), text);
        let e = extract_entities(&article);
        for entity in &e.entities {
            for m in &entity.mentions {
                let p = &article.paragraphs[m.paragraph].text;
                assert!(m.start < m.end && m.end <= p.len(), "{m:?} in {p:?}");
                assert!(p.is_char_boundary(m.start) && p.is_char_boundary(m.end));
            }
        }
    }
}

#[test]
fn teams_in_results_lines_are_groups_with_their_full_names() {
    let e = extract_entities(&fixture("results-lines.txt"));
    assert_eq!(
        names(&e, EntityKind::Group),
        [
            "Morecambe",
            "Salford City",
            "Harrogate",
            "Fleetwood",
            "Accrington",
            "Crawley"
        ]
    );
    assert!(names(&e, EntityKind::Person).is_empty(), "{e:#?}");
}

#[test]
fn sides_in_a_match_report_are_teams() {
    let e = extract_entities(&fixture("match-report.txt"));
    let groups = names(&e, EntityKind::Group);
    for team in ["Otago", "Canterbury", "Northern Districts", "Taranaki"] {
        assert!(groups.contains(&team), "{team} missing from {groups:?}");
    }
    assert!(!groups.contains(&"Hamilton"), "{groups:?}");
}

#[test]
fn a_country_that_starts_a_longer_name_is_not_a_mention() {
    let e = extract_entities(&fixture("country-in-a-longer-name.txt"));
    assert!(names(&e, EntityKind::Country).is_empty(), "{e:#?}");
    let groups = names(&e, EntityKind::Group);
    assert!(groups.contains(&"American League"), "{groups:?}");
    assert!(groups.contains(&"Palestinian Authority"), "{groups:?}");
}

#[test]
fn firm_names_run_to_their_legal_ending_but_not_across_a_person() {
    let e = extract_entities(&fixture("firm-names.txt"));
    let groups = names(&e, EntityKind::Group);
    for firm in [
        "Karoo Minerals of South Africa Ltd",
        "Harland Banks Inc",
        "Marsh & Fenwick",
        "Halden Group",
    ] {
        assert!(groups.contains(&firm), "{firm} missing from {groups:?}");
    }
    assert_eq!(names(&e, EntityKind::Person), ["Laura Pettit"]);
    assert!(names(&e, EntityKind::Country).is_empty(), "{e:#?}");
}

#[test]
fn a_paragraph_marked_as_a_heading_names_no_one_from_capitals_alone() {
    let mut article = parse_plain_body(
        Path::new("heading.txt"),
        "Returning Fighters Worry Officials\n\nThe report was published.",
    );
    article.paragraphs[0].kind = dossier::ParagraphKind::Heading(2);
    let e = extract_entities(&article);
    assert!(e.entities.is_empty(), "{e:#?}");
    // names backed by a given name or a surname's shape still count in a heading
    let mut named = article.clone();
    named.paragraphs[0].text = "Aslan Dzhakhbarov met Kanat Serikbayev.".to_string();
    let e = extract_entities(&named);
    assert_eq!(
        names(&e, EntityKind::Person),
        ["Aslan Dzhakhbarov", "Kanat Serikbayev"]
    );
}

#[test]
fn an_unknown_name_listed_beside_a_group_or_a_person_takes_its_kind() {
    let e = extract_entities(&fixture("names-listed-together.txt"));
    let people = names(&e, EntityKind::Person);
    assert!(people.contains(&"Bill Clinton"), "{people:?}");
    assert!(people.contains(&"Rostenkowski"), "{people:?}");
    let groups = names(&e, EntityKind::Group);
    assert!(
        groups.contains(&"Hamas") && groups.contains(&"Fatah"),
        "{groups:?}"
    );
}

#[test]
fn a_name_between_the_and_a_group_noun_is_a_group() {
    let e = extract_entities(&fixture("group-noun-after-name.txt"));
    let groups = names(&e, EntityKind::Group);
    for g in ["Kuk Bure", "Azat"] {
        assert!(groups.contains(&g), "{g} missing from {groups:?}");
    }
    assert!(names(&e, EntityKind::Person).is_empty(), "{e:#?}");
}

#[test]
fn an_ordinary_word_after_a_given_name_is_a_surname() {
    let e = extract_entities(&fixture("ordinary-word-surnames.txt"));
    assert_eq!(
        names(&e, EntityKind::Person),
        ["Emmanuel Macron", "Gordon Brown", "Chad Smith"]
    );
    assert!(names(&e, EntityKind::Country).is_empty(), "{e:#?}");
}

#[test]
fn unknown_names_after_prepositions_of_place_are_not_people() {
    let e = extract_entities(&fixture("place-prepositions.txt"));
    assert!(names(&e, EntityKind::Person).is_empty(), "{e:#?}");
}

#[test]
fn east_asian_names_keep_the_family_name_first() {
    let a = fixture("east-asian-names.txt");
    let e = extract_entities(&a);
    assert_eq!(
        texts(&a, find(&e, "Zhou Minghui")),
        ["Zhou Minghui", "Zhou"]
    );
    assert!(
        names(&e, EntityKind::Person).contains(&"Kang Ji-hoon"),
        "{e:#?}"
    );
}

#[test]
fn known_names_that_are_ordinary_words_need_their_usual_setting() {
    let a = fixture("gazetteer-ordinary-words.txt");
    let e = extract_entities(&a);
    // "Apple" opening the first sentence proves nothing; in mid-sentence it is the company
    assert_eq!(texts(&a, find(&e, "Apple")), ["Apple"]);
    assert_eq!(
        a.paragraphs[0].text.find("Apple had"),
        Some(
            e.entities
                .iter()
                .find(|x| x.name == "Apple")
                .unwrap()
                .mentions[0]
                .start
        )
    );
    // "the Guardian" is the newspaper; "Guardian angels" opening a sentence is not
    assert_eq!(texts(&a, find(&e, "Guardian")), ["Guardian"]);
}

#[test]
fn a_byline_of_several_authors_names_each() {
    let mut article = fixture("demonyms.txt");
    article.author = Some("By Jane Doe, Ivan Petrov and Leila Haddad".to_string());
    let e = extract_entities(&article);
    assert_eq!(
        names(&e, EntityKind::Person),
        ["Jane Doe", "Ivan Petrov", "Leila Haddad"]
    );
    assert!(e.of_kind(EntityKind::Person).all(|p| p.byline));
}

#[test]
fn a_lone_acronym_is_an_organisation_only_when_used_as_one() {
    let e = extract_entities(&fixture("lone-acronyms.txt"));
    assert_eq!(names(&e, EntityKind::Group), ["CGT"]);
    assert!(find(&e, "CGT").reason.contains("acronym"));
}

#[test]
fn an_age_who_or_a_role_after_a_name_makes_a_person() {
    let e = extract_entities(&fixture("person-appositions.txt"));
    let people = names(&e, EntityKind::Person);
    for person in [
        "Oksana Vlasenkova",
        "Mirela Tudorache",
        "Dzhumabek Toktogulov",
        "Bekturganov",
    ] {
        assert!(people.contains(&person), "{person} missing from {people:?}");
    }
    assert_eq!(find(&e, "Mirela Tudorache").reason, "age after the name");
}

#[test]
fn a_firm_named_after_a_family_stays_a_surname_after_a_given_name() {
    let article = parse_plain_body(
        Path::new("ford.txt"),
        "Shares of Ford rose on Monday.\n\nThey met Harrison Ford and Michael Dell yesterday.",
    );
    let e = extract_entities(&article);
    assert_eq!(
        names(&e, EntityKind::Person),
        ["Harrison Ford", "Michael Dell"]
    );
    assert_eq!(find(&e, "Ford").kind, EntityKind::Group);
    assert_eq!(find(&e, "Ford").mentions.len(), 1);
}

#[test]
fn organisation_names_run_through_on_but_never_into_a_date() {
    let article = parse_plain_body(
        Path::new("on.txt"),
        "The Commission on Presidential Debates met the Central Bank on Monday.",
    );
    let e = extract_entities(&article);
    assert_eq!(
        names(&e, EntityKind::Group),
        ["Commission on Presidential Debates", "Central Bank"]
    );
}

#[test]
fn turkey_in_a_heading_needs_the_country_named_elsewhere() {
    let a = fixture("turkey-in-a-heading.txt");
    let e = extract_entities(&a);
    let turkey = find(&e, "Turkey");
    // the first heading and "Turkish" name the country; the holiday dinner is another matter,
    // but a heading gives no way to tell, so both headings count once the country is named
    assert_eq!(turkey.mentions[0].paragraph, 0);
    assert!(turkey.mentions.iter().any(|m| m.paragraph == 1));
    let alone = parse_plain_body(Path::new("t.txt"), "Turkey Dinners Cost More This Year");
    assert!(extract_entities(&alone).entities.is_empty());
}

#[test]
fn generated_nonsense_never_panics() {
    const PIECES: &[&str] = &[
        "the ",
        "of ",
        "for ",
        "and ",
        "& ",
        "v ",
        "1 ",
        "2-1 ",
        "1996-08-30 ",
        ", ",
        ". ",
        "'s ",
        "’",
        "\"",
        "(",
        ") ",
        "-",
        "U.S. ",
        "UN ",
        "ISIS ",
        "Mr. ",
        "President ",
        "John ",
        "Smith ",
        "Georgia ",
        "Jordan ",
        "Turkey ",
        "Kazakhs ",
        "Bank ",
        "Ministry ",
        "Front ",
        "al-",
        "an-Nusra ",
        "Lashkar-i-",
        "Inc ",
        "who ",
        "said ",
        "beat ",
        "Reading ",
        "Ω ",
        "É. ",
        "LONDON ",
        "\u{200b}",
        "Ü",
        "a",
        "Z ",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..300 {
        let mut text = String::new();
        for _ in 0..40 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
            if seed.is_multiple_of(11) {
                text.push_str("\n\n");
            }
        }
        let article = parse_plain_body(Path::new("noise.txt"), &text);
        for entity in extract_entities(&article).entities {
            assert!(!entity.name.is_empty());
            for m in entity.mentions {
                let p = &article.paragraphs[m.paragraph].text;
                assert!(
                    p.get(m.start..m.end).is_some_and(|t| !t.is_empty()),
                    "{m:?} in {p:?}"
                );
            }
        }
    }
}

#[test]
fn monarchs_keep_their_numerals() {
    let article = parse_plain_body(
        Path::new("kings.txt"),
        "King Olav V abdicated, and Pope John XXIII met Henry IV's heirs. I agree.",
    );
    let e = extract_entities(&article);
    assert_eq!(
        names(&e, EntityKind::Person),
        ["Olav V", "John XXIII", "Henry IV"]
    );
}

#[test]
fn peoples_and_faiths_are_not_names() {
    let article = parse_plain_body(
        Path::new("peoples.txt"),
        "Forces attacked rival Kurds near Kobani, while Shiite Muslims and Chechens protested.",
    );
    let e = extract_entities(&article);
    assert!(names(&e, EntityKind::Person).is_empty(), "{e:#?}");
    assert!(names(&e, EntityKind::Group).is_empty(), "{e:#?}");
}

#[test]
fn a_firms_noun_after_a_name_makes_an_organisation() {
    let article = parse_plain_body(
        Path::new("firm.txt"),
        "Vantorix shares fell, and a Kelvanor spokesman declined to comment.",
    );
    let e = extract_entities(&article);
    assert_eq!(names(&e, EntityKind::Group), ["Vantorix", "Kelvanor"]);
}

#[test]
fn ordinary_words_before_a_number_are_no_team() {
    let article = parse_plain_body(
        Path::new("numbers.txt"),
        "World War 2\n\nPart 2\n\nNet 1.2 vs 1.1\n\nHarrogate 2 Fleetwood 2",
    );
    let e = extract_entities(&article);
    assert_eq!(names(&e, EntityKind::Group), ["Harrogate", "Fleetwood"]);
}

#[test]
fn name_particles_stay_inside_a_persons_name() {
    let a = fixture("name-particles.txt");
    let e = extract_entities(&a);
    assert_eq!(
        names(&e, EntityKind::Person),
        [
            "Margarethe van den Bosch",
            "Ana Paula dos Reis",
            "Faisal bin Turki"
        ]
    );
    assert_eq!(
        texts(&a, find(&e, "Margarethe van den Bosch")),
        ["Margarethe van den Bosch", "van den Bosch"]
    );
}

#[test]
fn a_single_word_inside_a_full_name_is_that_person() {
    let a = fixture("inner-name-mononym.txt");
    let e = extract_entities(&a);
    assert_eq!(
        names(&e, EntityKind::Person),
        ["Carlos Eduardo Marinho Teles"]
    );
    assert_eq!(
        texts(&a, find(&e, "Carlos Eduardo Marinho Teles")),
        ["Carlos Eduardo Marinho Teles", "Marinho", "Marinho"]
    );
    // two people share the word: nobody is chosen
    let both = parse_plain_body(
        Path::new("two.txt"),
        "Carlos Eduardo Marinho Teles met Pedro Marinho Alves. Later Marinho spoke.",
    );
    let e = extract_entities(&both);
    assert!(e.entities.iter().all(|x| x.mentions.len() == 1), "{e:#?}");
}

#[test]
fn laws_and_treaties_are_neither_people_nor_groups_nor_their_acronyms() {
    let e = extract_entities(&fixture("laws-and-treaties.txt"));
    assert_eq!(names(&e, EntityKind::Person), ["Stuart Law"]);
    assert!(names(&e, EntityKind::Group).is_empty(), "{e:#?}");
}

#[test]
fn fields_straits_and_lakes_are_places_and_an_acronym_starts_no_name() {
    let a = fixture("places-and-sites.txt");
    let e = extract_entities(&a);
    assert!(names(&e, EntityKind::Person).is_empty(), "{e:#?}");
    let chad = find(&e, "Chad");
    assert_eq!(texts(&a, chad), ["Chad"]);
    assert!(
        names(&e, EntityKind::Country).contains(&"Nigeria"),
        "{e:#?}"
    );
}

#[test]
fn transliterated_and_foreign_party_names_are_groups() {
    let a = fixture("transliterated-parties.txt");
    let e = extract_entities(&a);
    assert!(names(&e, EntityKind::Person).is_empty(), "{e:#?}");
    let groups = names(&e, EntityKind::Group);
    for g in [
        "Tamil Makkal Kazhagam",
        "Jana Seva Sangh",
        "Jama'at Ansar al-Haqq wal-Jihad",
        "Partido Renovador Social",
        "Rassemblement Démocratique Alpin",
    ] {
        assert!(groups.contains(&g), "{g} missing from {groups:?}");
    }
    assert_eq!(
        texts(&a, find(&e, "Tamil Makkal Kazhagam")),
        ["Tamil Makkal Kazhagam", "TMK"]
    );
}

#[test]
fn an_apposition_with_a_possessive_describes_a_person_not_a_group() {
    let e = extract_entities(&fixture("possessive-appositions.txt"));
    assert_eq!(
        names(&e, EntityKind::Person),
        ["Ravindra Menon", "Kwabena Asante-Mensah"]
    );
    assert!(names(&e, EntityKind::Group).is_empty(), "{e:#?}");
}

#[test]
fn an_acronym_spelled_out_in_the_article_means_what_the_article_says() {
    let a = fixture("acronyms-defined-here.txt");
    let e = extract_entities(&a);
    assert_eq!(
        names(&e, EntityKind::Group),
        [
            "Bureau of Fisheries and Aquaculture",
            "Alliance of Small Island States",
            "Maritime Authority of Ghana",
            "Institute of Marine Fisheries"
        ]
    );
    assert_eq!(
        texts(&a, find(&e, "Bureau of Fisheries and Aquaculture")),
        ["Bureau of Fisheries and Aquaculture", "BFA", "BFA"]
    );
    assert_eq!(
        texts(&a, find(&e, "Alliance of Small Island States")),
        ["Alliance of Small Island States", "AOSIS"]
    );
    // the list knows IMF as another body, but the article spelled it out
    assert_eq!(
        texts(&a, find(&e, "Institute of Marine Fisheries")),
        ["Institute of Marine Fisheries", "IMF", "IMF"]
    );
}

#[test]
fn the_last_word_of_one_group_named_in_full_is_that_group() {
    let a = fixture("short-names-of-groups.txt");
    let e = extract_entities(&a);
    assert_eq!(
        texts(&a, find(&e, "Andean Workers Congress")),
        ["Andean Workers Congress", "Congress"]
    );
    assert_eq!(
        texts(&a, find(&e, "Caribbean Resilience Fund")),
        ["Fund", "Caribbean Resilience Fund"]
    );
    // two banks named in full: "the Bank" alone could be either
    assert!(
        e.entities
            .iter()
            .all(|x| x.mentions.iter().all(|m| m.text(&a) != "Bank")),
        "{e:#?}"
    );
}

#[test]
fn names_listed_after_a_plural_group_noun_are_groups() {
    let e = extract_entities(&fixture("groups-listed-after-a-noun.txt"));
    let groups = names(&e, EntityKind::Group);
    for g in [
        "Vardabank",
        "Kestrel Finance",
        "Osaka Meridian",
        "Tallinn Quarry Works",
        "ETSO",
        "NORMACO",
        "MINUKA",
    ] {
        assert!(groups.contains(&g), "{g} missing from {groups:?}");
    }
    // a comma after the noun ends the list
    assert!(!groups.contains(&"Petrossian"), "{groups:?}");
}

#[test]
fn a_name_listed_with_the_that_modifies_a_noun_is_not_the_organisation() {
    let a = fixture("name-as-a-modifier.txt");
    let e = extract_entities(&a);
    assert_eq!(texts(&a, find(&e, "Atlantic")), ["Atlantic"]);
    let atlantic = &find(&e, "Atlantic").mentions[0];
    assert_eq!(
        a.paragraphs[0].text.find("Atlantic said"),
        Some(atlantic.start)
    );
    assert!(names(&e, EntityKind::Group).contains(&"Guardian"), "{e:#?}");
}

#[test]
fn a_short_family_name_before_a_given_name_is_a_person_even_at_a_sentence_start() {
    let a = fixture("family-name-first.txt");
    let e = extract_entities(&a);
    assert_eq!(
        names(&e, EntityKind::Person),
        ["Xi Jinping", "Li Keqiang", "Hu Jintao"]
    );
    assert_eq!(texts(&a, find(&e, "Xi Jinping")), ["Xi Jinping", "Xi"]);
}

#[test]
fn a_name_spelled_out_before_its_acronym_is_one_name() {
    let a = fixture("spelled-out-long-names.txt");
    let e = extract_entities(&a);
    assert_eq!(
        names(&e, EntityKind::Group),
        [
            "Islamic State Khorasan Province",
            "United Nations Office for Mine Clearance and Survey"
        ]
    );
    assert_eq!(
        texts(&a, find(&e, "Islamic State Khorasan Province")),
        ["Islamic State Khorasan Province", "ISKP"]
    );
}

#[test]
fn an_acronym_with_a_number_is_no_organisation_unless_listed() {
    let e = extract_entities(&fixture("numbered-acronyms.txt"));
    assert_eq!(names(&e, EntityKind::Group), ["Group of 20"]);
}

#[test]
fn a_known_groups_regional_branch_is_a_group_of_its_own() {
    let a = fixture("branch-of-a-known-group.txt");
    let e = extract_entities(&a);
    assert_eq!(
        texts(&a, find(&e, "Islamic State Somalia Province")),
        ["Islamic State Somalia Province"]
    );
    assert_eq!(texts(&a, find(&e, "Islamic State")), ["Islamic State"]);
    assert!(names(&e, EntityKind::Country).is_empty(), "{e:#?}");
}

#[test]
fn a_name_of_several_words_listed_beside_a_group_is_a_group() {
    let e = extract_entities(&fixture("multiword-listed-with-groups.txt"));
    assert_eq!(names(&e, EntityKind::Group), ["Samsung", "KR Voltrex"]);
    assert!(names(&e, EntityKind::Person).is_empty(), "{e:#?}");
}

#[test]
fn one_word_historical_figures_take_their_full_names() {
    let a = fixture("one-word-historical-figures.txt");
    let e = extract_entities(&a);
    for (full, word) in [
        ("Leonid Brezhnev", "Brezhnev"),
        ("Yuri Andropov", "Andropov"),
        ("Nikita Khrushchev", "Khrushchev"),
        ("Felix Dzerzhinsky", "Dzerzhinsky"),
    ] {
        let person = find(&e, full);
        assert_eq!(person.kind, EntityKind::Person);
        assert_eq!(texts(&a, person), [word]);
    }
}

#[test]
fn an_unintroduced_leaders_surname_is_a_person() {
    let a = fixture("unintroduced-leader.txt");
    let e = extract_entities(&a);
    assert_eq!(
        names(&e, EntityKind::Person),
        ["Nikol Pashinyan", "Alexander Lukashenko", "Dmitry Orlov"]
    );
    assert_eq!(texts(&a, find(&e, "Alexander Lukashenko")), ["Lukashenka"]);
}

#[test]
fn a_known_party_at_the_start_of_a_longer_name_does_not_split_it() {
    let a = fixture("party-of-a-country.txt");
    let e = extract_entities(&a);
    let groups = names(&e, EntityKind::Group);
    assert!(
        groups.contains(&"Social Democratic Party of Ruritania"),
        "{groups:?}"
    );
    assert!(
        groups.contains(&"Christian Democratic Union of Ruritania"),
        "{groups:?}"
    );
    assert!(!groups.contains(&"Social Democratic Party"), "{groups:?}");
    // a firm's legal form still ends its name
    assert!(
        !groups.iter().any(|g| g.ends_with("Corp of Ruritania")),
        "{groups:?}"
    );
}

#[test]
fn administrative_heads_and_settlements_make_places_not_people() {
    let a = fixture("place-heads.txt");
    let e = extract_entities(&a);
    assert_eq!(names(&e, EntityKind::Person), ["Viktor Osipenko"], "{e:#?}");
    assert!(names(&e, EntityKind::Group).is_empty(), "{e:#?}");
}

#[test]
fn regional_adjectives_are_regions_and_historical_states_keep_their_names() {
    let a = fixture("regions-and-historical-states.txt");
    let e = extract_entities(&a);
    assert!(names(&e, EntityKind::Person).is_empty(), "{e:#?}");
    assert_eq!(
        names(&e, EntityKind::Country),
        [
            "Soviet Union",
            "Czechoslovakia",
            "East Germany",
            "Golden Horde",
            "Russia",
            "Slovakia"
        ]
    );
}

#[test]
fn qualified_ethnonyms_are_neither_people_nor_countries() {
    let a = fixture("regions-and-historical-states.txt");
    let e = extract_entities(&a);
    for entity in &e.entities {
        let said: Vec<&str> = texts(&a, entity);
        assert!(
            !said
                .iter()
                .any(|t| t.contains("Tatar") || t.contains("Volga")),
            "{entity:#?}"
        );
    }
    assert!(!names(&e, EntityKind::Country).contains(&"Germany"));
}

#[test]
fn a_demonym_opening_a_name_is_a_country_only_for_the_states_own_bodies() {
    let a = fixture("demonyms-in-names.txt");
    let e = extract_entities(&a);
    // the parliament is the state's; the parties only carry the country in their names
    assert_eq!(names(&e, EntityKind::Country), ["Latvia"], "{e:#?}");
    let groups = names(&e, EntityKind::Group);
    assert!(
        groups.contains(&"Communist Party of the Philippines"),
        "{groups:?}"
    );
    assert!(!groups.contains(&"Communist Party"), "{groups:?}");
}

#[test]
fn a_country_inside_an_events_name_counts_and_an_election_names_no_body() {
    let a = fixture("events-and-elections.txt");
    let e = extract_entities(&a);
    assert_eq!(
        names(&e, EntityKind::Country),
        ["Bulgaria", "United States", "China", "Vietnam"],
        "{e:#?}"
    );
    assert!(
        !names(&e, EntityKind::Group).contains(&"United States Senate"),
        "{e:#?}"
    );
}

#[test]
fn a_surname_as_the_subject_of_what_people_do_is_a_person() {
    let a = fixture("surname-as-subject.txt");
    let e = extract_entities(&a);
    assert_eq!(
        names(&e, EntityKind::Person),
        ["Zelenkovich", "Kardashov", "Pruszkowski"],
        "{e:#?}"
    );
    // a people and a known firm doing the same things stay what they are
    assert!(names(&e, EntityKind::Group).contains(&"Rosneft"), "{e:#?}");
}

#[test]
fn party_names_in_other_languages_keep_their_lower_case_joiners() {
    let a = fixture("foreign-party-names.txt");
    let e = extract_entities(&a);
    let groups = names(&e, EntityKind::Group);
    for party in [
        "Lista per Gorizia",
        "Blok voor Limburg",
        "Partei für Arbeit",
        "Ruritanian Liberal Party",
        "Parti Populaire Ruritanien",
    ] {
        assert!(groups.contains(&party), "{party} not in {groups:?}");
    }
}

#[test]
fn a_post_that_opens_with_its_byline_has_an_author_not_a_title() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/entities/post-opening-with-byline.txt");
    let bytes = std::fs::read(&path).expect("fixture exists");
    let a = dossier::parse_article(&path, &bytes).expect("a plain text article");
    assert_eq!(a.author.as_deref(), Some("Marta Kowalczyk"));
    assert_ne!(a.title, "Marta Kowalczyk");
    assert!(a.paragraphs[0].text.starts_with("Staunton, January 4"));
    let e = extract_entities(&a);
    let author = find(&e, "Marta Kowalczyk");
    assert_eq!(author.kind, EntityKind::Person);
    assert!(author.byline);
}

#[test]
fn publications_cited_by_name_are_groups() {
    let a = fixture("cited-publications.txt");
    let e = extract_entities(&a);
    assert_eq!(names(&e, EntityKind::Person), ["Oleg Varlamov"], "{e:#?}");
    assert_eq!(
        names(&e, EntityKind::Group),
        [
            "Nasha Niva",
            "Sibirskiye Ogni",
            "Zhitomirskiye Vesti",
            "Tsentr Perspektiv"
        ],
        "{e:#?}"
    );
}

#[test]
fn a_known_name_inside_a_longer_one_takes_the_longer_name() {
    let a = fixture("known-names-inside-longer-ones.txt");
    let e = extract_entities(&a);
    assert_eq!(
        names(&e, EntityKind::Group),
        ["House of Commons of Canada", "Australian Greens"],
        "{e:#?}"
    );
    assert!(names(&e, EntityKind::Country).is_empty(), "{e:#?}");
}

#[test]
fn place_names_match_the_lexicon_with_accents_folded() {
    // The lexicon writes "Ciudad Juárez", "San Luis Potosí" and "Łódź", the copy does not;
    // the folded names are places, so none of them becomes a person.
    let e = extract_entities(&fixture("accents-folded.txt"));
    assert_eq!(
        names(&e, EntityKind::Person),
        ["Rosa Elvira Quintanilla"],
        "{e:#?}"
    );
}
