//! Who speaks: short stories for each way news attributes a quotation, and for quotations that
//! nothing attributes. Each case checks the document's attribution (speaker and how it was found)
//! and whether `attribution.unattributed-quote` fires.

use copydesk::config::Config;
use copydesk::document::{Document, Format, QuoteKind};
use copydesk::source::Source;

/// (quoted text's first words, speaker, how) of every full quotation of a story.
fn attributions(text: &str) -> Vec<(String, Option<String>, Option<&'static str>)> {
    let source = Source::new("s.md", text);
    let doc = Document::parse(&source, Format::Markdown);
    doc.quotations
        .iter()
        .zip(doc.attributions())
        .filter(|(q, _)| q.full)
        .map(|(q, a)| {
            let inner: String = doc
                .text_of(q.inner)
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            (
                inner,
                a.and_then(|a| a.speaker)
                    .map(|s| doc.text_of(s).to_string()),
                a.map(|a| a.how.name()),
            )
        })
        .collect()
}

/// The one full quotation's (speaker, how).
fn one(text: &str) -> (Option<String>, Option<&'static str>) {
    let all = attributions(text);
    assert_eq!(all.len(), 1, "expected one full quotation: {all:?}");
    let (_, speaker, how) = all.into_iter().next().unwrap();
    (speaker, how)
}

fn said(speaker: &str, how: &'static str) -> (Option<String>, Option<&'static str>) {
    (Some(speaker.to_string()), Some(how))
}

/// Whether `attribution.unattributed-quote` fires on a story, with the built-in rules.
fn flagged(text: &str) -> usize {
    let source = Source::new("s.md", text);
    let doc = Document::parse(&source, Format::Markdown);
    copydesk::lint(&doc, &Config::builtin().ruleset)
        .into_iter()
        .filter(|d| d.rule == "attribution.unattributed-quote")
        .count()
}

#[test]
fn a_name_or_role_then_any_past_tense_verb_attributes_the_quotation() {
    for (text, speaker) in [
        (
            "\"Back when I was a fan, there was less anime,\" Tipton observed during a panel.",
            "Tipton",
        ),
        (
            "\"The bravery of the emergency services is incredible,\" tweeted Mayor of London Sadiq Khan.",
            "Mayor of London Sadiq Khan",
        ),
        (
            "\"The water came up to the second step,\" the ferry captain remarked.",
            "the ferry captain",
        ),
        (
            "\"We will not close the pier this year,\" she quipped.",
            "she",
        ),
        (
            "\"Whenever there are signs of a palm branch,\" wrote student protester Joshua Wong.",
            "student protester Joshua Wong",
        ),
    ] {
        assert_eq!(one(text), said(speaker, "verb"), "{text}");
        assert_eq!(flagged(text), 0, "{text}");
    }
}

#[test]
fn a_clause_that_introduces_the_quotation_with_a_comma_names_its_speaker() {
    for (text, speaker) in [
        (
            "Senator Lindsey Graham spoke on Fox News, \"This is going to lead to a return of the group.\"",
            "Senator Lindsey Graham",
        ),
        (
            "Trump, also on Twitter, defended his decision, \"As I have stated strongly before, we are leaving.\"",
            "Trump",
        ),
        (
            "The mayor gave his condolences via Twitter, adding, \"An urgent enquiry is underway.\"",
            "The mayor",
        ),
        (
            "Union general secretary Mick Whelan commented, \"We have been working closely with the government.\"",
            "Mick Whelan",
        ),
    ] {
        assert_eq!(one(text), said(speaker, "verb"), "{text}");
        assert_eq!(flagged(text), 0, "{text}");
    }
}

#[test]
fn a_colon_after_a_named_source_attributes_the_quotation() {
    assert_eq!(
        one("Ernesto Villalba put it plainly: \"We are not going anywhere.\""),
        said("Ernesto Villalba", "colon")
    );
    assert_eq!(
        one(
            "In her opening statement she put it this way: \"They found the one person without a lawyer.\""
        ),
        said("she", "colon")
    );
    assert_eq!(
        one(
            "Fashion designer Mary Quant described Day to the BBC in 2002: \"Doris Day was America.\""
        ),
        said("Mary Quant", "colon")
    );
}

#[test]
fn a_dash_caption_names_the_speaker() {
    let text = "\"More women are getting into technical fields than ever.\" — \u{200d}Aparna Garg, Divisional Railway Manager";
    assert_eq!(one(text), said("Aparna Garg", "dash-caption"));
    assert_eq!(flagged(text), 0);
}

#[test]
fn interview_lines_give_the_speaker_of_every_quotation_in_the_answer() {
    let text = "The interview was edited for length.\n\n\
                ((WN)) How did people react when you left?\n\n\
                ((Zara Kay)) It was hard. Some people were like, \"You were born a Muslim. You cannot leave.\" I am still learning.\n\n\
                Many were like, \"You know what, this is the new world.\"\n\n\
                ((WN)) And your family?\n";
    let all = attributions(text);
    assert_eq!(all.len(), 2, "{all:?}");
    for (_, speaker, how) in &all {
        assert_eq!(speaker.as_deref(), Some("Zara Kay"));
        assert_eq!(*how, Some("qa"));
    }
    assert_eq!(flagged(text), 0);
    // "Q:" lines.
    let text = "Q: What did the inspector tell you?\n\nA: He said one thing to me: the pier is fine. Then he wrote, \"Close it.\"\n\nQ: And then?\n\nA: We closed it. \"Safety first,\" as my father would say, \"and the rest after.\"\n";
    assert_eq!(flagged(text), 0);
}

#[test]
fn captions_with_a_credit_are_not_interview_lines() {
    // Two "Name Image: credit." captions do not make the story an interview.
    let text = "Harry Browne Image: Carol Moore.\n\nGary Johnson Image: Gary Johnson.\n\n\"The debates are rigged against third parties.\"\n";
    assert_eq!(one(text), (None, None));
    assert_eq!(flagged(text), 1);
}

#[test]
fn a_speaker_heading_above_a_run_of_quotations_attributes_them() {
    let text = "# Reactions to the rate decision\n\n## John Doe, chief economist at Harbor Bank\n\n\"The bank had no choice.\"\n\n\"Inflation is still too high.\"\n\n## Reactions\n\n\"Nobody saw this coming.\"\n";
    let all = attributions(text);
    assert_eq!(all[0].1.as_deref(), Some("John Doe"));
    assert_eq!(all[0].2, Some("qa"));
    assert_eq!(all[1].1.as_deref(), Some("John Doe"));
    assert_eq!(all[1].2, Some("qa"));
    // A section heading is no speaker.
    assert_eq!(all[2].2, None);
    assert_eq!(flagged(text), 1);
}

#[test]
fn a_quotation_continues_an_attributed_one_in_its_paragraph() {
    let text = "\"I am in awe of the people who ran towards danger,\" tweeted Mayor Sadiq Khan. \"The bravery of the emergency services is incredible.\"";
    let all = attributions(text);
    assert_eq!(all[1].1.as_deref(), Some("Mayor Sadiq Khan"));
    assert_eq!(all[1].2, Some("continuation"));
    assert_eq!(flagged(text), 0);
    // After a sentence that quotes the speaker in part.
    let text =
        "She called the plan \"reckless.\" \"We will fight it in every court in the state.\"";
    assert_eq!(one(text), said("She", "paraphrase-before"));
}

#[test]
fn the_next_sentence_of_the_paragraph_can_attribute_a_quotation() {
    let text =
        "\"The American people deserve the truth.\" Pelosi said. The House voted on Wednesday.";
    assert_eq!(one(text), said("Pelosi", "next-sentence"));
    assert_eq!(flagged(text), 0);
}

#[test]
fn a_sentence_giving_someones_view_attributes_the_quotation_after_it() {
    let text = "Brett McGurk, a former envoy, also criticized the decision via Twitter. \"The statement tonight shows a complete lack of understanding.\"";
    assert_eq!(one(text), said("Brett McGurk", "paraphrase-before"));
    let text = "Then just 19 years old, she looked at the role as a \"chance to face my demons,\" having questioned her abilities for years. \"I was in an extremely competitive program in high school.\"";
    assert_eq!(one(text), said("she", "paraphrase-before"));
    assert_eq!(flagged(text), 0);
}

#[test]
fn a_paragraph_ending_in_a_colon_or_stated_introduces_the_quotation() {
    let text =
        "The department issued a statement:\n\n\"There was an assault on an inmate on Friday.\"\n";
    assert_eq!(one(text), said("The department", "previous-paragraph"));
    let text =
        "In a letter to the board, the ministry stated,\n\n\"We will review every contract.\"\n";
    assert_eq!(one(text).1, Some("previous-paragraph"));
    assert_eq!(flagged(text), 0);
}

#[test]
fn a_quotation_over_several_paragraphs_takes_its_speaker_from_a_later_one_when_introduced() {
    // The reporter's sentence before the quotation leads into it: the speaker given in its
    // last paragraph speaks the whole of it.
    let text = "At the town hall on Monday night, the promise was repeated to the crowd.\n\n\"We will rebuild the pier before the summer. We will rebuild the boardwalk after it.\n\n\"And we will do it without raising a single fare,\" Mayor Ana Ruiz said.\n";
    let source = Source::new("s.md", text);
    let doc = Document::parse(&source, Format::Markdown);
    let a = doc.attributions();
    assert_eq!(a.len(), 2);
    assert_eq!(a[0].map(|a| a.how.name()), Some("verb"));
    assert_eq!(a[1].map(|a| a.how.name()), Some("multi-paragraph"));
    assert_eq!(
        doc.text_of(a[1].unwrap().speaker.unwrap()),
        "Mayor Ana Ruiz"
    );
    assert_eq!(flagged(text), 0);
}

#[test]
fn a_paragraph_that_opens_a_quotation_with_no_speaker_is_flagged() {
    // By the conventions, a new paragraph that opens a quotation names its speaker or is
    // unattributed, even when a later paragraph of the same quotation names one.
    let text = "\"We will rebuild the pier before the summer. We will rebuild the boardwalk after it.\n\n\"And we will do it without raising a single fare,\" Mayor Ana Ruiz said.\n";
    assert_eq!(flagged(text), 1);
}

#[test]
fn quotations_that_nothing_attributes_are_still_flagged() {
    for text in [
        // A quotation alone in its paragraph, the speaker a paragraph away.
        "\"We will rebuild,\" Marsh said.\n\n\"A fare increase is the last thing this city needs.\"\n",
        // People doing something, then a quotation: no one's words are given.
        "Outside the courthouse, a handful of members waited on the steps as Arkwright left. \"Somebody owes us an explanation.\"",
        "About 60 members of the club met at the pub on Monday night and argued until closing time. \"Sell Kallio in January and you can sell the season.\"",
        "Volunteers filled 140 bags with dead fish by Sunday afternoon. \"We'll be out here again tomorrow, and the day after.\"",
        // A passive names no speaker.
        "Members applauded when the withdrawal was announced. \"This was never about housing.\"",
        // A section heading is no speaker.
        "## What comes next\n\n\"The council will vote again in March.\"\n",
    ] {
        assert_eq!(flagged(text), 1, "{text}");
    }
}

#[test]
fn scare_and_partial_quotations_are_told_apart() {
    let kinds = |text: &str| -> Vec<QuoteKind> {
        let source = Source::new("s.md", text);
        let doc = Document::parse(&source, Format::Markdown);
        doc.quotations.iter().map(|q| q.kind).collect()
    };
    assert_eq!(
        kinds("She called the plan \"reckless\" and said it was \"nowhere near enough.\""),
        [QuoteKind::Partial, QuoteKind::Partial]
    );
    assert_eq!(
        kinds(
            "A website known as \"Welcome To Video\" was shut; a fire started in the \"Kiss & Fly\" area."
        ),
        [QuoteKind::Scare, QuoteKind::Scare]
    );
    assert_eq!(
        kinds("The word \"pandemic\" refers to how far a disease has spread."),
        [QuoteKind::Scare]
    );
    assert_eq!(
        kinds("\"We will rebuild the pier,\" Ruiz said."),
        [QuoteKind::Full]
    );
}

#[test]
fn a_quotation_whose_sentence_ends_outside_its_marks_or_in_brackets_is_full() {
    for text in [
        // British style: the full stop after the closing mark.
        "Councillor Ana Ruiz spoke after the vote.\n\n\"The harbour board will look closely at this case to see what we can learn\".\n",
        // An editor's bracketed stop.
        "Councillor Ana Ruiz spoke after the vote.\n\n\"We feel that bringing the ferry back is going to heal this town[.]\"\n",
        // A second quotation after a bracketed stop, with no speaker either.
        "Councillor Ana Ruiz spoke after the vote.\n\n\"We must stand up for the harbour[.]\" \"I believe the harbour is the town.\"\n",
    ] {
        let all = attributions(text);
        assert!(!all.is_empty(), "no full quotation: {text}");
        assert!(all.iter().all(|(_, _, how)| how.is_none()), "{all:?}");
        assert_eq!(flagged(text), all.len(), "{text}");
    }
    // Attributed in its sentence, the same shapes are not flagged.
    for text in [
        "Ruiz said: \"The harbour board will look closely at this case to see what we can learn\".\n",
        "Ruiz said: \"We feel that bringing the ferry back is going to heal this town[.]\"\n",
    ] {
        assert_eq!(one(text).0.as_deref(), Some("Ruiz"), "{text}");
        assert_eq!(flagged(text), 0, "{text}");
    }
    // A fragment built into the reporter's sentence stays partial, stop outside or not.
    let source = Source::new(
        "s.md",
        "She called the plan \"a reckless waste of money\".\n",
    );
    let doc = Document::parse(&source, Format::Markdown);
    assert_eq!(doc.quotations[0].kind, QuoteKind::Partial);
}

#[test]
fn a_cut_off_quotation_that_holds_a_sentence_of_its_own_is_full() {
    let text = "The ruling was criticised.\n\n\"a single council could demand that the harbour close. And it says the board could do so at any time.\"\n";
    assert_eq!(attributions(text).len(), 1);
    assert_eq!(flagged(text), 1);
    let text = "Ruiz wrote, \"a single council could demand that the harbour close. And it says the board could do so at any time.\"\n";
    assert_eq!(one(text).0.as_deref(), Some("Ruiz"));
    assert_eq!(flagged(text), 0);
    // A lower-case fragment of one clause is no full quotation.
    let text = "The ruling was criticised as \"a shocking ignorance of the technology\".\n";
    assert_eq!(attributions(text).len(), 0);
}

#[test]
fn a_colon_inside_the_previous_paragraphs_closing_quotation_introduces_nothing() {
    // The paragraph before ends in a quotation, not in its colon: the next paragraph's quotation
    // has no speaker, though the one before has.
    let text = "Another was tour manager Tom Gray, who cited only rugby: \"One in, all in. I did what anyone would do.\"\n\n\"I am in awe of the people who ran towards danger.\"\n";
    let all = attributions(text);
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!(all[0].2, Some("colon"));
    assert_eq!(all[1].2, None, "{all:?}");
    assert_eq!(flagged(text), 1);
    // A paragraph that does end in its colon still introduces the quotation.
    let text = "Another was tour manager Tom Gray, who said of the attack:\n\n\"I did what anyone would do.\"\n";
    assert_eq!(one(text).1, Some("previous-paragraph"));
    assert_eq!(flagged(text), 0);
}

#[test]
fn a_speaker_named_or_quoted_in_the_paragraph_before_does_not_attribute_a_new_quotation() {
    for text in [
        "Mayor Ana Ruiz visited the harbour on Monday and met the crews.\n\n\"We will rebuild the pier before the summer\".\n",
        "\"The crews worked all night,\" Mayor Ana Ruiz said.\n\n\"We will rebuild the pier before the summer[.]\"\n",
    ] {
        assert_eq!(flagged(text), 1, "{text}");
    }
}

#[test]
fn speakers_read_on_real_copy_roles_modals_voices_and_comments() {
    for (text, speaker, how) in [
        (
            "The board met on Monday. \"We will keep the ferry,\" Harbour board chairman Ana Ruiz was quoted as saying by the Valley Herald.",
            "Harbour board chairman Ana Ruiz",
            "verb",
        ),
        (
            "The leaders met on Monday. \"I have asked the mayor to play chess with me,\" Valley officials quoted the premier as saying.",
            "Valley officials",
            "verb",
        ),
        (
            "The ferry left at noon. \"Open the gate,\" the man could be heard saying.",
            "the man",
            "verb",
        ),
        (
            "In Dr. Ruiz's words, \"The tide comes in twice a day and we cannot stop it.\"",
            "Dr. Ruiz's",
            "verb",
        ),
        (
            "You write: \"The pier should have closed years ago.\"",
            "You",
            "colon",
        ),
        (
            "He offered no excuses for the delay. \"We failed the town and I am sorry for it.\"",
            "He",
            "paraphrase-before",
        ),
    ] {
        assert_eq!(one(text), said(speaker, how), "{text}");
        assert_eq!(flagged(text), 0, "{text}");
    }
    // The noun's verb is the word nearest before it, never a name ("as Jones offered").
    assert_eq!(
        flagged("Fans booed as Jones offered no apology. \"We failed the town and I am sorry.\""),
        0
    );
    // Without the speech-act noun, the sentence before names no speaker: the quotation is
    // unattributed (the test can fail).
    assert_eq!(
        flagged("He left before the vote. \"We failed the town and I am sorry for it.\""),
        1
    );
}

#[test]
fn a_readers_comment_is_the_readers_words() {
    let story = "# Pier to close\n\n\
                 The council voted on Monday to close the pier at the end of the season.\n\n\
                 The vote was seven to two, and the pier will shut in October.\n\n\
                 The ferry will keep running from the harbour wall.\n\n\
                 Posted by Ana Ruiz at May 2, 2007 12:03 PM\n\n\
                 \"The pier should have closed years ago.\" I agree with the vote.\n\n\
                 Posted by: Tom on May 2, 2007 06:15 PM\n\n\
                 \"We will miss it.\" That is all I can say.\n\n\
                 Posted by: Jo on May 3, 2007 07:21 AM\n";
    let all = attributions(story);
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(
        all.iter().all(|(_, _, how)| *how == Some("reader-comment")),
        "{all:?}"
    );
    assert_eq!(flagged(story), 0);
    // One signature alone (a story's byline) makes no comments.
    let byline = "# Pier to close\n\nPosted by Ana Ruiz at May 2, 2007 12:03 PM\n\n\
                  The council voted on Monday to close the pier.\n\n\
                  \"The pier should have closed years ago.\" The vote was close.\n";
    assert_eq!(flagged(byline), 1);
}

#[test]
fn a_quotation_hard_wrapped_over_paragraphs_finds_its_speaker_at_the_closing_mark() {
    // Copy pasted with a blank line after every line of print: the quotation runs on while a
    // line stops mid-sentence, and its speaker follows the closing mark.
    for (text, speaker) in [
        (
            "The mill will not reopen, its owner said on Monday.\n\n\"No, we will not do that. On the old site\n\nwe will build houses for the town's\n\nworkers,\" Ana Ruiz was quoted as saying in the\n\ninterview.\n",
            "Ana Ruiz",
        ),
        (
            "The mill will not reopen, its owner said on Monday.\n\n\"We have buyers for the looms in three\n\ncountries and that brings us more than\n\nweaving ever did,\"\n\nshe added.\n",
            "she",
        ),
    ] {
        let all = attributions(text);
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!(all[0].1.as_deref(), Some(speaker), "{text}");
        assert_eq!(flagged(text), 0, "{text}");
    }
    // A paragraph that ends its sentence ends the run: the later speaker is not this one's.
    let ended = "The mill will not reopen.\n\n\"We will build houses on the old site.\n\nThe council voted on the plan,\" the clerk said.\n";
    assert_eq!(flagged(ended), 1);
}

#[test]
fn a_wire_service_after_a_dash_credits_the_story_and_names_no_speaker() {
    let credited = "The club's doctor says two players are injured.\n\n\"Both will probably play again in March and we are confident about the rest.\" - Sapa\n";
    assert_eq!(flagged(credited), 1);
    let signed = "The club's doctor says two players are injured.\n\n\"Both will probably play again in March and we are confident about the rest.\" - Ana Ruiz\n";
    assert_eq!(one(signed), said("Ana Ruiz", "dash-caption"));
    assert_eq!(flagged(signed), 0);
}

#[test]
fn a_title_above_the_first_paragraph_is_no_speaker_heading() {
    // The title names the story's subject, who is named again below; it does not make the
    // quotations under it his.
    for top in ["May 2, 2007", "# Club news"] {
        let titled = format!(
            "{top}\n\nTown Mourns for Ruiz\n\n\"Ana was a fine keeper and a finer friend.\n\n\"We will miss her.\"\n\nThe club chairman led the tributes to Ruiz on Monday.\n"
        );
        assert_eq!(flagged(&titled), 1, "{titled}");
    }
    // After an introduction, a heading that names someone the story names is a speaker heading.
    let headed = "Three keepers told us about the season.\n\nAna Ruiz, keeper\n\n\"The pier kept us busy all summer long.\"\n\nRuiz has kept the pier for ten years.\n";
    assert_eq!(one(headed), said("Ana Ruiz", "qa"));
}

#[test]
fn a_notice_or_a_comment_signature_is_no_interview_tag() {
    // "UPDATE:" and the readers' "Posted By:" lines set before colons are not speakers: the
    // story's paragraphs under them stay the reporter's, and their weasels are read.
    let story = "# Keeper to leave\n\nUPDATE: The keeper confirmed on Monday that she will leave the club.\n\n\
                 The keeper reportedly turned down a new contract last week.\n\n\
                 The club has not said who will replace her.\n\n\
                 Comments\n\n\
                 Good luck to her, she was the best we had.\n\n\
                 Posted By: tom | May 2 2007 at 03:06 PM\n\n\
                 She will be missed by everyone at the ground.\n\n\
                 Posted By: jo | May 2 2007 at 03:09 PM\n";
    let source = Source::new("s.md", story);
    let doc = Document::parse(&source, Format::Markdown);
    let weasels = copydesk::lint(&doc, &Config::builtin().ruleset)
        .into_iter()
        .filter(|d| d.rule == "attribution.weasel")
        .count();
    assert_eq!(weasels, 1);
}
