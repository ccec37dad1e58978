//! `numbers.inconsistent` compares by event identity: a later figure is compared with an earlier
//! one when the story ties them (the same event noun, a back-reference, the lead restating the
//! headline) and nothing tells them apart (another event, owner, day, place or item; a part against
//! its whole; rival counts; background statistics). One short story per case.

mod common;

use common::{parse_json, run_in, temp_dir};
use std::collections::BTreeMap;
use std::fs;

/// The `numbers.inconsistent` findings of each story, as (line, later figure) pairs: all stories
/// are checked in one run.
fn inconsistent(stories: &[(&str, &str)]) -> BTreeMap<String, Vec<(u64, String)>> {
    let dir = temp_dir("numbers-events");
    for (name, text) in stories {
        fs::write(dir.join(format!("{name}.md")), text).unwrap();
    }
    let out = run_in(
        &dir,
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--fail-on",
            "never",
            ".",
        ],
        None,
    );
    let doc = parse_json(&out.stdout);
    let mut found: BTreeMap<String, Vec<(u64, String)>> = stories
        .iter()
        .map(|(n, _)| (n.to_string(), Vec::new()))
        .collect();
    for d in doc["diagnostics"].as_array().unwrap() {
        if d["rule"] != "numbers.inconsistent" {
            continue;
        }
        let path = d["path"].as_str().unwrap();
        let name = path
            .rsplit(['/', '\\'])
            .next()
            .unwrap()
            .trim_end_matches(".md");
        let text = d["message"].as_str().unwrap().to_string();
        found
            .entry(name.to_string())
            .or_default()
            .push((d["start"]["line"].as_u64().unwrap(), text));
    }
    found
}

#[test]
fn the_same_event_is_compared_without_a_back_reference() {
    let found = inconsistent(&[
        (
            "fire",
            "The fire at the Harlow warehouse killed 42 people on Monday, officials said.\n\n\
             Firefighters worked through the night to bring it under control.\n\n\
             The scale of the fire, which killed 44 people, shocked the town.\n",
        ),
        // A blaze is the same fire; an earlier one is not.
        (
            "blaze",
            "A fire at the Harlow warehouse killed 42 people on Monday, officials said.\n\n\
             Crews from three towns fought the flames.\n\n\
             The blaze, which killed 44 people, was the worst in the county.\n",
        ),
        (
            "earlier-blaze",
            "The fire at the Harlow warehouse killed 42 people on Monday, officials said.\n\n\
             Crews from three towns fought the flames.\n\n\
             An earlier blaze at the site killed 13 people in 2015.\n",
        ),
        (
            "earlier-blaze-same-noun",
            "The fire at the Harlow warehouse killed 42 people on Monday, officials said.\n\n\
             Crews from three towns fought the flames.\n\n\
             Another fire at the site killed 44 people, the mayor said.\n",
        ),
        // Two events of one kind in the sentence before: "the blaze" may be either.
        (
            "ambiguous",
            "The fire at the Harlow warehouse killed 42 people on Monday, officials said.\n\n\
             An earlier blaze at the same site killed 13 people.\n\n\
             The scale of the blaze, which killed 44 people, shocked the town.\n",
        ),
        // Without an event noun or a back-reference, a new figure is another group.
        (
            "no-tie",
            "Police arrested 12 people in raids on Monday, officials said.\n\n\
             Across the border, officers arrested 15 people in a separate operation.\n",
        ),
    ]);
    assert_eq!(found["fire"].len(), 1, "{found:#?}");
    assert_eq!(found["fire"][0].0, 5, "{found:#?}");
    assert_eq!(found["blaze"].len(), 1, "{found:#?}");
    assert!(found["earlier-blaze"].is_empty(), "{found:#?}");
    assert!(found["earlier-blaze-same-noun"].is_empty(), "{found:#?}");
    assert!(found["ambiguous"].is_empty(), "{found:#?}");
    assert!(found["no-tie"].is_empty(), "{found:#?}");
}

#[test]
fn back_references_and_headlines_still_tie() {
    let found = inconsistent(&[
        (
            "toll",
            "At least 42 people were killed when the river burst its banks.\n\n\
             Officials said the death toll of 44 people made it the worst flood in a generation.\n",
        ),
        (
            "headline",
            "---\ntitle: \"Police arrest 11 in drug raids\"\ndate: 2025-06-04\n---\n\n\
             Police arrested 12 people in raids across the city on Wednesday.\n",
        ),
        (
            "headline-agrees",
            "---\ntitle: \"Police arrest 12 in drug raids\"\ndate: 2025-06-04\n---\n\n\
             Police arrested 12 people in raids across the city on Wednesday.\n\n\
             Officers arrested three more people on Thursday.\n",
        ),
        (
            "owner",
            "The Unity Party won 88 seats, the commission said.\n\n\
             The Unity Party's 86 seats give it a majority, Ana Ruiz said.\n",
        ),
    ]);
    assert_eq!(found["toll"].len(), 1, "{found:#?}");
    assert_eq!(found["headline"].len(), 1, "{found:#?}");
    assert!(found["headline-agrees"].is_empty(), "{found:#?}");
    assert_eq!(found["owner"].len(), 1, "{found:#?}");
}

#[test]
fn different_owners_days_places_and_items_are_not_compared() {
    let found = inconsistent(&[
        // Parties are told apart by their whole names, not their last word.
        (
            "owners",
            "The Conservative Party won 365 seats in the election, officials said.\n\n\
             The Labour Party's 203 seats were its fewest since 1935.\n",
        ),
        (
            "days",
            "Police arrested 12 people on Monday in raids across the city.\n\n\
             The 15 people arrested on Tuesday were released without charge.\n",
        ),
        (
            "places",
            "---\ntitle: \"27 charged in fraud sweep\"\ndate: 2025-06-04\n---\n\n\
             In Tampa, Florida, seven people were charged on Monday with billing for care that \
             was never given.\n",
        ),
        (
            "items",
            "Officers seized 14 rifles in the raid.\n\n\
             The 16 pistols seized in the raid were sent for testing.\n",
        ),
        (
            "restricted",
            "The fire killed nine people and injured 16, officials said.\n\n\
             The 16 people injured included a baby; the two adults seriously injured escaped \
             by jumping.\n",
        ),
        (
            "charged-with",
            "Six officers were charged on Tuesday over the shooting, prosecutors said.\n\n\
             The four officers charged with murder face life in prison.\n",
        ),
    ]);
    for (name, findings) in &found {
        assert!(findings.is_empty(), "{name}: {found:#?}");
    }
}

#[test]
fn parts_totals_rivals_and_background_are_not_compared() {
    let found = inconsistent(&[
        (
            "excluding",
            "---\ntitle: \"Six defendants indicted in bribery case\"\ndate: 2025-06-04\n---\n\n\
             Five defendants, excluding Rao, were indicted on Monday.\n",
        ),
        (
            "among",
            "Altogether, 18 defendants have been indicted in the case in Chicago.\n\n\
             Those 18 are among a total of 62 defendants indicted in related cases.\n",
        ),
        (
            "sum",
            "---\ntitle: \"Sixteen people arrested over cyber attacks\"\ndate: 2025-06-04\n---\n\n\
             Fourteen people were arrested today in ten states, the FBI said.\n\n\
             In addition, two people were arrested on similar charges in Florida.\n",
        ),
        (
            "rivals",
            "Biden had a total of 279 electoral votes by NBC's count, or 290 electoral votes by \
             the AP's.\n",
        ),
        (
            "background",
            "The bus crash killed seven people on Thursday, officials said.\n\n\
             Cuba's roads are dangerous; 2018 saw 11,187 recorded accidents leading to 750 \
             deaths.\n",
        ),
        (
            "needed",
            "Warren had won 8 delegates by Monday.\n\n\
             At least 1,991 delegates are needed to secure the nomination.\n",
        ),
        (
            "template",
            "The first indictment was unsealed after the nine defendants were arrested.\n\n\
             The second indictment was unsealed after the five defendants were arrested.\n",
        ),
        (
            "roundup",
            "---\ntitle: \"90 charged in fraud takedown\"\ndate: 2025-06-04\n---\n\n\
             Prosecutors charged 27 people in Miami, officials said.\n\n\
             Prosecutors also charged 11 people in Houston and 7 people in Tampa.\n\n\
             The 45 people charged in other districts face similar counts.\n",
        ),
    ]);
    for (name, findings) in &found {
        assert!(findings.is_empty(), "{name}: {found:#?}");
    }
}
