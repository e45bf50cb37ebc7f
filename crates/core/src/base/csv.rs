//! CSV text as spreadsheets read it (RFC 4180): comma-separated fields,
//! CRLF line ends, and a field quoted — inner quotes doubled — whenever it
//! holds a comma, a quote or a line break.
//!
//! Every CSV the app or the CLI writes goes through here, so a name with a
//! comma or a quote in it never shifts a spreadsheet's columns, whichever
//! table it appears in. Text that reaches a CSV may have come from another
//! device by sync, so two more rules make the file safe to open:
//!
//! - a cell a spreadsheet would run as a formula (starting with `=`, `+`,
//!   `-`, `@`, a tab or a carriage return, OWASP's list) gets a leading `'`,
//!   so it shows as the text it is; plain numbers such as `-1.5` stay
//!   numbers;
//! - the text starts with a UTF-8 byte-order mark, without which Excel reads
//!   the file in the system's legacy code page and shows "ZoÃ«" for "Zoë".

/// The byte-order mark every CSV starts with, so Excel reads it as UTF-8.
pub const BYTE_ORDER_MARK: char = '\u{feff}';

/// Characters that make a spreadsheet treat a cell as a formula when they
/// start it (OWASP, "CSV Injection").
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `text` is a plain decimal number (an optional sign, digits, at
/// most one point): a spreadsheet reads it as a number, never a formula.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next();
    let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    !whole.is_empty()
        && all_digits(whole)
        && fraction.is_none_or(|fraction| !fraction.is_empty() && all_digits(fraction))
}

/// One field, neutralised if a spreadsheet would run it as a formula and
/// quoted if it needs to be.
pub fn field(text: &str) -> String {
    let neutral = if text.starts_with(FORMULA_STARTS) && !is_plain_number(text) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if neutral.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

/// The CSV text of `rows` (a header row first, if the table has one),
/// after the byte-order mark, each line ended by CRLF.
pub fn render<Rows, Row, Field>(rows: Rows) -> String
where
    Rows: IntoIterator<Item = Row>,
    Row: IntoIterator<Item = Field>,
    Field: AsRef<str>,
{
    std::iter::once(BYTE_ORDER_MARK.to_string())
        .chain(rows.into_iter().map(|row| {
            let fields: Vec<String> = row.into_iter().map(|text| field(text.as_ref())).collect();
            fields.join(",") + "\r\n"
        }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn quotes_only_fields_that_need_it() {
        let cases = [
            ("plain", "plain"),
            ("Jaw, left side", "\"Jaw, left side\""),
            ("The \"short\" form", "\"The \"\"short\"\" form\""),
            ("two\nlines", "\"two\nlines\""),
            ("carriage\rreturn", "\"carriage\rreturn\""),
            ("", ""),
        ];
        for (text, expected) in cases {
            assert_eq!(field(text), expected, "{text:?}");
        }
    }

    #[test]
    fn formulas_are_shown_as_text_and_numbers_stay_numbers() {
        let cases = [
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tTab", "'\tTab"),
            ("\rreturn", "\"'\rreturn\""),
            ("-", "'-"),
            ("-1.5", "-1.5"),
            ("+4", "+4"),
            ("-0.25", "-0.25"),
            ("Zoë = calm", "Zoë = calm"),
        ];
        for (text, expected) in cases {
            assert_eq!(field(text), expected, "{text:?}");
        }
    }

    #[test]
    fn rows_end_with_crlf_after_the_byte_order_mark() {
        let rows = [vec!["Name", "Note"], vec!["Zoë", "says \"hi\", twice"]];
        assert_eq!(
            render(rows),
            "\u{feff}Name,Note\r\nZoë,\"says \"\"hi\"\", twice\"\r\n"
        );
        assert_eq!(render(Vec::<Vec<&str>>::new()), "\u{feff}");
    }

    proptest! {
        #[test]
        fn no_cell_starts_like_a_formula(text in "[=+@\t\r-]\\PC{0,12}") {
            let cell = field(&text);
            let unquoted = cell.strip_prefix('"').unwrap_or(&cell);
            prop_assert!(
                !unquoted.starts_with(FORMULA_STARTS) || is_plain_number(&text),
                "{:?} became {:?}", text, cell
            );
        }
    }
}
