//! Structure is not prose: tables, listings, columns of figures and runs of "Label: value" lines
//! become `table` blocks, in plain text and in Markdown; prose rules and the analyses skip them
//! unless a rule scopes them in.

mod common;

use common::{parse_json, root, run_in, stderr};
use copydesk::config::Config;
use copydesk::document::{BlockKind, Document, Format};
use copydesk::source::Source;

/// The kind of every block and its text.
fn blocks(path: &str, text: &str) -> Vec<(BlockKind, String)> {
    let source = Source::new(path, text);
    let doc = Document::parse(&source, Format::from_path(path));
    doc.blocks
        .iter()
        .map(|b| (b.kind, doc.text_of(b.span).to_string()))
        .collect()
}

/// The text of the `table` blocks.
fn table_rows(path: &str, text: &str) -> Vec<String> {
    blocks(path, text)
        .into_iter()
        .filter(|(k, _)| *k == BlockKind::Table)
        .map(|(_, t)| t)
        .collect()
}

/// Rule ids and the text they flag, with the built-in rules or a config.
fn findings(path: &str, text: &str, config: &Config) -> Vec<(String, String)> {
    let source = Source::new(path, text);
    let doc = Document::parse(&source, Format::from_path(path));
    copydesk::lint(&doc, &config.ruleset)
        .into_iter()
        .map(|d| (d.rule, text[d.primary.span.range()].to_string()))
        .collect()
}

fn fired(found: &[(String, String)], rule: &str, text: &str) -> bool {
    found.iter().any(|(r, t)| r == rule && t.contains(text))
}

const STOCKS: &str = "\
Acme Corp 12.50 +0.25
Beta Inc 9.75 -0.10
Gamma Holdings 101.20 +1.05
Delta Airlines 44.00 -1.48";

const SPORTS: &str = "\
Arsenal 3 Chelsea 1
Liverpool 2 Everton 2
Leeds 0 Fulham 4
Man Utd v Spurs 1-1";

const ELECTION: &str = "\
Smith (D) 12,345 52%
Jones (R) 11,000 46%
Write-ins 480 2%";

const FIELDS: &str = "\
Name: Acme Corp
Ticker: ACME
Sector: Industrials
Employees: 4,200";

/// A story around a block of structure, in plain text or Markdown (one row a line).
fn story(structure: &str) -> String {
    format!(
        "Markets close higher\n\nNEW YORK, March 3 - Stocks rose on Tuesday as investors cheered 12 \
         earnings reports, with 3 of the 5 biggest gainers in technology.\n\n{structure}\n\nTrading \
         volume was 1.2 billion shares, up 8% from Monday, brokers said.\n"
    )
}

/// The same block with a blank line between rows, as tables pasted from web pages arrive.
fn one_row_a_paragraph(structure: &str) -> String {
    structure.replace('\n', "\n\n")
}

/// Stock, sports and election listings and "Label: value" runs are tables: in plain text, in a
/// Markdown paragraph, one row a paragraph, and as Markdown list items.
#[test]
fn listings_are_tables_in_plain_text_and_markdown() {
    for (name, rows) in [
        ("stocks", STOCKS),
        ("sports", SPORTS),
        ("election", ELECTION),
        ("fields", FIELDS),
    ] {
        let expected: Vec<String> = rows.lines().map(String::from).collect();
        let bulleted: String = rows.lines().map(|l| format!("- {l}\n")).collect::<String>();
        for (path, text) in [
            ("s.txt", story(rows)),
            ("s.md", story(rows)),
            ("s.txt", story(&one_row_a_paragraph(rows))),
            ("s.md", story(&one_row_a_paragraph(rows))),
            ("s.md", story(bulleted.trim_end())),
        ] {
            let kinds = blocks(path, &text);
            assert_eq!(
                table_rows(path, &text),
                expected,
                "{name} in {path}: {kinds:#?}"
            );
            // The story around the table stays prose.
            for opening in ["NEW YORK", "Trading volume"] {
                assert!(
                    kinds
                        .iter()
                        .any(|(k, t)| *k == BlockKind::Paragraph && t.starts_with(opening)),
                    "{name} in {path}: {kinds:#?}"
                );
            }
        }
    }
}

/// Pipe- and tab-separated rows, and columns aligned with spaces, are tables.
#[test]
fn separated_and_aligned_columns_are_tables() {
    let piped = "Team | W | D | L\nArsenal | 3 | 1 | 0\nChelsea | 1 | 2 | 1";
    let tabbed = "Team\tW\tD\tL\nArsenal\t3\t1\t0\nChelsea\t1\t2\t1";
    let aligned = "Company          Price   Change\nAcme Corp        12.50    +0.25\nBeta Inc          9.75    -0.10";
    for rows in [piped, tabbed, aligned] {
        for path in ["s.txt", "s.md"] {
            assert_eq!(
                table_rows(path, &story(rows)).len(),
                3,
                "{path}: {:#?}",
                blocks(path, &story(rows))
            );
        }
    }
    // Two piped rows are enough: a header and one row.
    assert_eq!(
        table_rows("s.txt", &story("Team | Points\nArsenal | 48")).len(),
        2
    );
}

/// Dated rows of figures ("98.0 Mar 20", "-1.48 October 1929"), option series and league tables
/// are tables.
#[test]
fn dated_data_rows_are_tables() {
    let rows = "Mar 18 97.2\nMar 19 97.6\nMar 20 98.0\nMar 21 97.9";
    assert_eq!(table_rows("s.txt", &story(rows)).len(), 4);
    let falls = "-12.82 October 1929\n-11.73 October 1929\n-7.87 October 1987";
    assert_eq!(table_rows("s.md", &story(falls)).len(), 3);
    // An option series ("September 45" is a strike price, not a date) and a league table.
    let options =
        "September 45 calls 1.20 +0.05\nSeptember 50 calls 0.45 -0.10\nOctober 45 puts 2.10 +0.15";
    assert_eq!(table_rows("s.txt", &story(options)).len(), 3);
    let league = "1. Arsenal 20 15 3 2 45 12 48\n2. Liverpool 20 14 4 2 40 15 46\n3. Chelsea 20 12 5 3 38 20 41";
    assert_eq!(table_rows("s.md", &story(league)).len(), 3);
}

/// A Markdown table's cells are `table-cell` blocks, not prose either.
#[test]
fn markdown_table_cells_are_structure() {
    let text = "# Results\n\nThe count ended on Tuesday.\n\n| Candidate | Votes |\n|---|---|\n| Smith | 12,345 |\n| Jones | 11,000 |\n";
    let kinds = blocks("s.md", text);
    assert!(kinds.iter().any(|(k, _)| *k == BlockKind::TableCell));
    for (k, _) in &kinds {
        assert_eq!(
            k.is_prose(),
            !matches!(k, BlockKind::TableCell | BlockKind::Table)
        );
    }
}

/// Prose stays prose: a paragraph full of figures, a single line of figures, hard-wrapped plain
/// text, a list of sentences, a list of short items with no figures, a transcript of "Name: …"
/// lines, and a list of topics each followed by running text.
#[test]
fn prose_with_figures_and_lists_of_sentences_stay_prose() {
    let cases = [
        // A paragraph with several figures.
        "The company earned $12.5 million in 2024, up 8% from 2023, on sales of 1.2 billion \
         units across 14 countries.",
        // One line of figures on its own.
        "Acme Corp 12.50 +0.25",
        // Hard-wrapped plain-text paragraphs with figures on every line.
        "The council voted 5-4 on Tuesday to raise the levy by 3.5 percent, the\nfirst increase \
         since 2019, which will cost the owner of a $250,000 home\nabout $87 a year, the \
         treasurer said in a statement on Wednesday.",
        // Hard-wrapped prose heavy with names, ages and places.
        "The defendants previously sentenced in this case are Michael Pharis, 51,\nof Las Vegas, \
         who was sentenced in December 2010 to 15 years; Daniel\nMurphy, 53, of Millville, N.J., \
         sentenced in March 2011 to 151 months;\nand Paul Challender, 54, of Big Rapids, Mich.",
        // A list whose items are sentences.
        "- The storm killed 12 people on Monday.\n- About 4,000 homes lost power.\n- Schools \
         will reopen on June 9.",
        // A list of short items with no figures.
        "- Apples\n- Pears\n- Plums",
        // A transcript.
        "SMITH: We had 12 minutes to get out. Nobody told us.\nJONES: That is not what the \
         report says.\nSMITH: I was there. I counted 40 people on the stairs.",
        // Topics each followed by running text, labels that do not recur.
        "- Use of force: including requiring supervisors to report to the scene of uses of \
         force within 2 hours\n- Crisis intervention: including establishing a mental health \
         response advisory committee and training for all 900 officers\n- Staffing and \
         supervision: including completing a staffing and resource study to determine the \
         allocation of 40 new posts",
    ];
    for rows in cases {
        for path in ["s.txt", "s.md"] {
            let text = story(rows);
            assert!(
                table_rows(path, &text).is_empty(),
                "{path}: {:#?}",
                blocks(path, &text)
            );
        }
    }
}

/// The paragraphs around a table keep their kind, even a short sentence ending with a name, and a
/// block of "Label: value" lines ending with an abbreviation is still a table.
#[test]
fn short_sentences_next_to_tables_stay_prose() {
    let text = format!(
        "{}\n\nBoard meetings resume on Monday.\n\nMeeting: County board\nWhere: Civic Center, Room 2\nWhen: Monday, Nov. 10, 7 p.m.\n",
        story(STOCKS)
    );
    for path in ["s.txt", "s.md"] {
        let kinds = blocks(path, &text);
        assert!(
            kinds
                .iter()
                .any(|(k, t)| *k == BlockKind::Paragraph && t.starts_with("Board meetings")),
            "{path}: {kinds:#?}"
        );
        assert_eq!(table_rows(path, &text).len(), 7, "{path}: {kinds:#?}");
    }
}

/// A listing of records whose "Label: value" fields recur is a table even when the values are
/// long ("Offense: …", "Sentence: …").
#[test]
fn records_with_recurring_labels_are_tables() {
    let records = "\
Anna Diaz Tulsa, OK

Offense: Conspiracy to distribute and possess with intent to distribute cocaine base in the Northern District

Sentence: 240 months' imprisonment; 10 years' supervised release (June 15, 2004)

Grant: Prison sentence commuted to expire on February 3, 2017

Ben Ortiz Salem, OR

Offense: Possession with intent to distribute a mixture and substance containing methamphetamine in the District

Sentence: 188 months' imprisonment; five years' supervised release (March 4, 2005)

Grant: Prison sentence commuted to expire on February 3, 2017";
    for path in ["s.txt", "s.md"] {
        assert_eq!(table_rows(path, &story(records)).len(), 8, "{path}");
    }
}

/// numbers.style and dates.impossible fire in prose but not inside a table, and a rule that
/// scopes tables in reads them.
#[test]
fn prose_rules_skip_tables_unless_scoped_in() {
    let text = "---\ndate: 2025-06-04\n---\n\n# Index falls\n\nThe index fell on Tuesday, its \
                worst day since the crash.\n\n-12.82 October 1929\n-11.73 October 1929\n-1.48 \
                October 1929\n-7.87 October 1987\n\n5 traders were questioned on the floor. The review is set \
                for Feb. 30, the exchange said.\n";
    for path in ["s.md", "s.txt"] {
        let found = findings(path, text, &Config::builtin());
        assert!(fired(&found, "dates.impossible", "Feb. 30"), "{found:?}");
        assert!(
            fired(&found, "numbers.style", "5"),
            "a sentence starts with a figure: {found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(_, t)| t.contains("October") || t.contains("12.82")),
            "{path}: findings inside the table: {found:?}"
        );
    }

    // Election listing: figures in the table are not compared with the story's or spelled out.
    let text = story(ELECTION);
    let found = findings("s.md", &text, &Config::builtin());
    assert!(
        !found.iter().any(|(r, _)| r.starts_with("numbers.")),
        "{found:?}"
    );

    // A rule with no scope does not read tables; one that names `table` does.
    let config = |scope: &str| {
        Config::from_toml(&format!(
            "[[rule]]\nid = \"house.acme\"\nkind = \"pattern\"\n{scope}phrases = [\"Acme\"]\n\
             message = \"m\"\n"
        ))
        .unwrap()
    };
    let text = story(STOCKS);
    let count = |c: &Config| {
        findings("s.txt", &text, c)
            .iter()
            .filter(|(r, _)| r == "house.acme")
            .count()
    };
    assert_eq!(count(&config("")), 0);
    assert_eq!(count(&config("scope = [\"table\"]\n")), 1);
    assert_eq!(count(&config("scope = [\"paragraph\", \"table\"]\n")), 1);
}

/// `copydesk inspect` shows table rows as `table` blocks, with no sentences, and no figures or
/// dates from them.
#[test]
fn inspect_shows_table_blocks() {
    let dir = common::temp_dir("structure-inspect");
    let path = dir.join("s.txt");
    std::fs::write(&path, story(ELECTION)).unwrap();
    let out = run_in(
        &root(),
        &[
            "inspect",
            "--no-config",
            "--format",
            "json",
            path.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let got = parse_json(&out.stdout);
    let tables: Vec<_> = got["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["kind"] == "table")
        .collect();
    assert_eq!(tables.len(), 3, "{got:#}");
    assert!(tables.iter().all(|b| b["sentences"] == 0));
    let table_start = tables[0]["span"]["start"].as_u64().unwrap();
    let table_end = tables[2]["span"]["end"].as_u64().unwrap();
    for q in got["quantities"].as_array().unwrap() {
        let start = q["span"]["start"].as_u64().unwrap();
        assert!(
            !(table_start..table_end).contains(&start),
            "figure from the table: {q}"
        );
    }
}

/// Residue and placeholders are looked for in tables too: a "TK" left in a table is caught.
#[test]
fn placeholders_in_tables_are_still_caught() {
    let config = Config::builtin();
    let listing = "Smith (D) 12,345 52%\nJones (R) TK 46%\nWrite-ins 480 2%";
    assert_eq!(table_rows("s.txt", &story(listing)).len(), 3);
    let found = findings("s.txt", &story(listing), &config);
    assert!(fired(&found, "boilerplate.placeholder", "TK"), "{found:?}");
    let markdown = "# Results\n\nThe count ended on Tuesday.\n\n| Candidate | Votes |\n|---|---|\n| Smith | TK |\n";
    let found = findings("s.md", markdown, &config);
    assert!(fired(&found, "boilerplate.placeholder", "TK"), "{found:?}");
}

/// The figures and dates of tables are left out of what rules read by default, but stay
/// available, with the kind of block they sit in, for a rule that scopes tables in.
#[test]
fn figures_and_dates_of_tables_are_available_on_request() {
    let text = story("Mar 18 97.2\nMar 19 97.6\nMar 20 98.0");
    let source = Source::new("s.txt", text.as_str());
    let doc = Document::parse(&source, Format::Plain);
    let in_table = |pos: usize| doc.kind_at(pos) == Some(BlockKind::Table);
    assert!(!doc.quantities().iter().any(|q| in_table(q.span.start)));
    assert!(doc.all_quantities().iter().any(|q| in_table(q.span.start)));
    assert!(!doc.dates().mentions.iter().any(|m| in_table(m.span.start)));
    assert!(
        doc.all_dates()
            .mentions
            .iter()
            .any(|m| in_table(m.span.start))
    );
    // The prose keeps its own.
    assert!(
        doc.quantities()
            .iter()
            .any(|q| doc.text_of(q.span).contains("1.2"))
    );
}
