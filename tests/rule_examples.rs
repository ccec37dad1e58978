//! Every example of every built-in rule is a test: text that must be flagged by the rules it names,
//! and text that must not be flagged by the rule that carries it. Examples are checked as a story
//! is, through the batch, so that suppression comments (and `copydesk.unused-suppression`) count.

use copydesk::batch::{Input, Options, check_batch};
use copydesk::config::{Config, builtin_rules};
use copydesk::rules::Rule;
use copydesk::source::Source;
use std::sync::Arc;

#[test]
fn every_builtin_rule_example_holds() {
    let config = Arc::new(Config::builtin());
    let mut failures = Vec::new();
    let rules = builtin_rules();
    assert!(rules.len() >= 5);
    for rule in &rules {
        let positives = rule
            .examples
            .iter()
            .filter(|e| !e.expect.is_empty())
            .count();
        let negatives = rule.examples.len() - positives;
        // Rules that compare stories with each other cannot be shown by one example text.
        let across_files = config
            .ruleset
            .across_file_rules()
            .any(|r| r.meta().id == rule.id);
        if (positives == 0 && !across_files) || negatives == 0 {
            failures.push(format!(
                "{}: needs an example that is flagged and one that is not",
                rule.id
            ));
        }
        for example in &rule.examples {
            // A rule that ships off is shown with it turned on.
            let config = if rule.enabled {
                config.clone()
            } else {
                std::sync::Arc::new(
                    Config::from_toml(&format!(
                        "[rules]\n\"{}\" = \"{}\"\n",
                        rule.id,
                        rule.severity.name()
                    ))
                    .expect("a config turning the rule on"),
                )
            };
            let input = Input {
                source: Source::new("example.md", example.text.clone()),
                config,
            };
            let report = check_batch(vec![input], &Options::default())
                .pop()
                .expect("one report")
                .expect("the example is checked");
            let found: Vec<String> = report.diagnostics.into_iter().map(|d| d.rule).collect();
            if example.expect.is_empty() {
                if found.contains(&rule.id) {
                    failures.push(format!("{}: flagged {:?}", rule.id, example.text));
                }
            } else {
                for id in &example.expect {
                    if !found.contains(id) {
                        failures.push(format!(
                            "{}: expected {id} on {:?}, found {found:?}",
                            rule.id, example.text
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
