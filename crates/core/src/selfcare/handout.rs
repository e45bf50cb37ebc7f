//! The plan as one self-contained HTML page the client keeps: it opens
//! offline on any phone, with no app, no script and nothing fetched, and
//! prints on A4 and Letter.
//!
//! Everything is inline (one `<style>`, no `src`, no links out), every text
//! is escaped, and the page holds only what the plan file holds: one
//! client's plan. Item limits ([`super::care_item`]) keep a full plan well
//! under the 100 KB budget; a test checks the largest plan the forms allow
//! (in ordinary text: only text made wholly of `&` and quotes, which escape
//! five-fold, could go over).

use std::fmt::Write;

use super::care_file::PlanFile;

/// The page's styles: the app's calm palette, large type for reading on a
/// phone, and print rules that fit A4 and Letter (the `@page` margin is
/// within both papers' printable areas, and items never split across
/// pages).
const STYLE: &str = "\
:root{color-scheme:light dark}\
body{margin:0;background:#FAF8F5;color:#1F2328;font:19px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}\
main{max-width:40rem;margin:0 auto;padding:1.25rem}\
h1{font-size:1.6rem;margin:.2rem 0;color:#2F6F6A}\
h2{font-size:1.25rem;margin:0 0 .4rem}\
.meta,.goals{color:#4A4F55}\
.message{border-left:4px solid #2F6F6A;padding:.4rem .9rem;margin:1rem 0;background:#EEF4F2}\
article{border:1px solid #D9D4CC;border-radius:12px;padding:1rem;margin:1rem 0;break-inside:avoid;page-break-inside:avoid;background:#FFF}\
.when{font-weight:600;color:#2F6F6A;margin:0 0 .5rem}\
dl{margin:0}dt{font-weight:600;margin-top:.6rem}dd{margin:0}dd p{margin:0 0 .5rem}.message p{margin:.3rem 0}\
.stop dt,.stop dd{color:#8A1F17}\
footer{color:#4A4F55;font-size:.9rem;margin-top:2rem}\
@media (prefers-color-scheme:dark){body{background:#15181A;color:#E6E2DC}h1,.when{color:#7FB8B1}\
article{background:#1E2225;border-color:#3A3F44}.message{background:#1E2A29}.meta,.goals,footer{color:#B9B4AD}\
.stop dt,.stop dd{color:#F2A29B}}\
@page{margin:15mm}\
@media print{body{background:#FFF;color:#000;font-size:12pt}main{max-width:none;padding:0}\
article{border-color:#999;background:#FFF}h1,.when{color:#000}.stop dt,.stop dd{color:#000}}";

/// Escapes text for HTML element content and attribute values.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// Typed text as HTML that keeps its lines: a blank line starts a new
/// paragraph and a single line break stays a line break, as the therapist
/// wrote the steps (HTML would otherwise run them into one paragraph).
/// Lines are escaped; blank runs and the line ends of any system count once.
fn paragraphs(text: &str) -> String {
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut html = String::with_capacity(normalized.len() + 16);
    for paragraph in normalized.split("\n\n") {
        let lines: Vec<String> = paragraph
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(escape)
            .collect();
        if !lines.is_empty() {
            let _ = write!(html, "<p>{}</p>", lines.join("<br>"));
        }
    }
    html
}

/// The handout page for a plan file, its date `written_on` as the device
/// writes dates ("20 Nov 2026", "Nov 20, 2026"): the client reads the page
/// as they read everything else, and core knows no locale, so the app
/// passes it.
pub fn handout_html(file: &PlanFile, written_on: &str) -> String {
    let plan = &file.plan;
    let mut page = String::with_capacity(16 * 1024);
    let name = escape(file.client_name.trim());
    let _ = write!(
        page,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<title>Self-care plan for {name}</title><style>{STYLE}</style></head><body><main>\
<h1>Your self-care plan</h1><p class=\"meta\">For {name} · written {}",
        escape(written_on)
    );
    if !file.from.trim().is_empty() {
        let _ = write!(page, " by {}", escape(file.from.trim()));
    }
    page.push_str("</p>");
    if !plan.message().is_empty() {
        let _ = write!(
            page,
            "<div class=\"message\">{}</div>",
            paragraphs(plan.message())
        );
    }
    for planned in plan.items() {
        let item = planned.item();
        let _ = write!(
            page,
            "<article><h2>{}</h2><p class=\"when\">{}</p>",
            escape(item.title()),
            escape(&item.when())
        );
        let goals: Vec<String> = planned
            .goals()
            .iter()
            .filter_map(|goal| file.goals.get(usize::from(*goal)))
            .map(|goal| escape(goal))
            .collect();
        if !goals.is_empty() {
            let _ = write!(
                page,
                "<p class=\"goals\">Helps with: {}</p>",
                goals.join("; ")
            );
        }
        let _ = write!(
            page,
            "<dl><div><dt>How to do it</dt><dd>{}</dd></div>",
            paragraphs(item.how_to())
        );
        if !item.precautions().is_empty() {
            let _ = write!(
                page,
                "<div><dt>Take care</dt><dd>{}</dd></div>",
                paragraphs(item.precautions())
            );
        }
        if !item.stop_and_call().is_empty() {
            let _ = write!(
                page,
                "<div class=\"stop\"><dt>Stop and call if</dt><dd>{}</dd></div>",
                paragraphs(item.stop_and_call())
            );
        }
        page.push_str("</dl></article>");
    }
    page.push_str(
        "<footer>This plan is for you alone. If anything feels wrong, stop and get in touch. \
In an emergency, call your local emergency number.</footer></main></body></html>",
    );
    page
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::selfcare::care_item::{
        tests::input, MAX_CAUTION_CHARS, MAX_DURATION_CHARS, MAX_HOW_TO_CHARS, MAX_TITLE_CHARS,
    };
    use crate::selfcare::care_plan::tests::made;
    use crate::selfcare::care_plan::{
        CarePlanInput, PlannedItemInput, MAX_MESSAGE_CHARS, MAX_PLAN_ITEMS,
    };

    fn file_for(client: &str, item_title: &str) -> PlanFile {
        let plan = CarePlanInput {
            items: vec![PlannedItemInput {
                item: input(item_title),
                source: None,
                goals: Vec::new(),
            }],
            message: format!("Well done today, {client}."),
        }
        .validate(made(2, None, 2), None)
        .unwrap();
        PlanFile::new(plan, client.to_owned(), "Sam".to_owned(), Vec::new())
    }

    /// Every place a page could load something from outside itself.
    fn outside_references(page: &str) -> Vec<&'static str> {
        let lower = page.to_lowercase();
        [
            "http", "//", "src=", "<script", "href=", "url(", "@import", "<link", "<iframe",
        ]
        .into_iter()
        .filter(|needle| lower.contains(needle))
        .collect()
    }

    #[test]
    fn the_handout_refers_to_nothing_outside_itself() {
        let page = handout_html(&file_for("Anna", "Neck side stretch"), "20 Nov 2026");
        assert_eq!(outside_references(&page), Vec::<&str>::new());
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<h2>Neck side stretch</h2>"));
        assert!(page.contains("Twice a day · 30 seconds each side"));
        assert!(page.contains("Stop and call if"));
    }

    #[test]
    fn the_handout_gives_the_date_as_the_device_writes_it() {
        let file = file_for("Anna", "Neck side stretch");
        let page = handout_html(&file, "20 Nov 2026");
        assert!(page.contains("written 20 Nov 2026"), "{page}");
        assert!(
            !page.contains(&file.plan.written().to_string()),
            "no ISO date"
        );
        let tricky = handout_html(&file, "<b>20</b>");
        assert!(tricky.contains("written &lt;b&gt;20&lt;/b&gt;"));
    }

    #[test]
    fn a_handout_holds_one_client_and_no_other() {
        let anna = handout_html(&file_for("Anna Lindqvist", "Jaw rest"), "20 Nov 2026");
        let bram = handout_html(&file_for("Bram Okafor", "Chin tucks"), "20 Nov 2026");
        assert!(
            anna.contains("Anna Lindqvist")
                && !anna.contains("Bram")
                && !anna.contains("Chin tucks")
        );
        assert!(
            bram.contains("Bram Okafor") && !bram.contains("Anna") && !bram.contains("Jaw rest")
        );
    }

    #[test]
    fn text_is_escaped_so_it_cannot_become_markup() {
        let page = handout_html(
            &file_for("<script>alert(1)</script>", "Tea & \"rest\""),
            "20 Nov 2026",
        );
        assert!(!page.contains("<script"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("Tea &amp; &quot;rest&quot;"));
    }

    #[test]
    fn typed_lines_stay_lines_and_blank_lines_start_paragraphs() {
        assert_eq!(
            paragraphs("Sit tall.\nTilt the ear to the shoulder.\r\n\r\n\nHold <30> s & breathe."),
            "<p>Sit tall.<br>Tilt the ear to the shoulder.</p><p>Hold &lt;30&gt; s &amp; breathe.</p>"
        );
        assert_eq!(paragraphs("One line"), "<p>One line</p>");
        assert_eq!(paragraphs("  \n \n"), "");
    }

    #[test]
    fn the_handout_keeps_the_steps_of_how_to_do_it_apart() {
        let mut item = input("Neck side stretch");
        item.how_to = "1. Sit tall.\n2. Tilt your ear <down>.\n\nRepeat on the other side.".into();
        item.stop_and_call = "Tingling in the arm\nDizziness".into();
        let plan = CarePlanInput {
            items: vec![PlannedItemInput {
                item,
                source: None,
                goals: Vec::new(),
            }],
            message: "Well done today.\nSee you on Friday.".into(),
        }
        .validate(made(2, None, 2), None)
        .unwrap();
        let page = handout_html(
            &PlanFile::new(plan, "Anna".into(), "Sam".into(), Vec::new()),
            "20 Nov 2026",
        );
        assert!(page.contains(
            "<dt>How to do it</dt><dd><p>1. Sit tall.<br>2. Tilt your ear &lt;down&gt;.</p>\
             <p>Repeat on the other side.</p></dd>"
        ));
        assert!(page.contains("<dd><p>Tingling in the arm<br>Dizziness</p></dd>"));
        assert!(page.contains(
            "<div class=\"message\"><p>Well done today.<br>See you on Friday.</p></div>"
        ));
    }

    #[test]
    fn the_largest_possible_plan_stays_under_100_kb() {
        let full = |limit: usize| "x".repeat(limit);
        let item = crate::selfcare::care_item::CareItemInput {
            title: full(MAX_TITLE_CHARS),
            how_long: full(MAX_DURATION_CHARS),
            how_to: full(MAX_HOW_TO_CHARS),
            precautions: full(MAX_CAUTION_CHARS),
            stop_and_call: full(MAX_CAUTION_CHARS),
            ..input("")
        };
        let plan = CarePlanInput {
            items: vec![
                PlannedItemInput {
                    item,
                    source: None,
                    goals: Vec::new(),
                };
                MAX_PLAN_ITEMS
            ],
            message: full(MAX_MESSAGE_CHARS),
        }
        .validate(made(2, None, 2), None)
        .unwrap();
        let page = handout_html(
            &PlanFile::new(plan, full(200), full(200), Vec::new()),
            "20 Nov 2026",
        );
        assert!(page.len() < 100 * 1024, "{} bytes", page.len());
    }
}
