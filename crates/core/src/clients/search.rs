//! Finding clients by name, and the order the client list shows them in.
//!
//! Lives in the core so the list, the Today page and later the sync preview
//! all agree on what "matches" means.

use std::cmp::Ordering;

use crate::base::text_match::fold;
use crate::clients::summary::ClientSummary;

/// A search typed into the client list. Every word of the query must start
/// some word of the client's full or preferred name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameQuery {
    words: Vec<String>,
}

impl NameQuery {
    /// Parses what was typed; blank text matches everyone.
    pub fn new(text: &str) -> Self {
        Self {
            words: name_words(&fold(text)).map(str::to_owned).collect(),
        }
    }

    /// Whether the client's names match every query word.
    pub fn matches(&self, client: &ClientSummary) -> bool {
        if self.words.is_empty() {
            return true;
        }
        let names = fold(&format!(
            "{} {}",
            client.full_name(),
            client.preferred_name().unwrap_or_default()
        ));
        let name_words: Vec<&str> = name_words(&names).collect();
        self.words.iter().all(|word| {
            name_words
                .iter()
                .any(|name| name.starts_with(word.as_str()))
        })
    }
}

/// The words of a name or of a query, split the same way, so "Smith-Jones"
/// typed whole finds "Aroha Smith-Jones" and "jones" alone does too.
fn name_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || c == '-' || c == '\'')
        .filter(|word| !word.is_empty())
}

/// The order of names when the platform offers none: case and accents set
/// aside, then code points ("Émile" beside "Emma", not after "Zoë"). The
/// browser orders by the device's language instead (`Intl.Collator`, so a
/// Swedish tablet puts "Åsa" after "Zoë"); both go through
/// [`list_clients`].
pub fn folded_order(left: &str, right: &str) -> Ordering {
    fold(left).cmp(&fold(right))
}

/// The clients to list: not deleted, matching the query, their display
/// names in the order `collate` gives (then by id, so the order is stable
/// whatever the collation calls equal).
pub fn list_clients<'a>(
    clients: impl IntoIterator<Item = &'a ClientSummary>,
    query: &NameQuery,
    collate: impl Fn(&str, &str) -> Ordering,
) -> Vec<&'a ClientSummary> {
    let mut listed: Vec<&ClientSummary> = clients
        .into_iter()
        .filter(|client| !client.is_deleted() && query.matches(client))
        .collect();
    listed.sort_by(|left, right| {
        collate(left.display_name(), right.display_name()).then(left.id().cmp(&right.id()))
    });
    listed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::hlc::Hlc;
    use crate::base::ids::{DeviceId, RecordId};
    use crate::clients::client::{Client, ClientInput};

    fn client(byte: u8, full_name: &str, preferred_name: &str) -> ClientSummary {
        ClientSummary::from(&record(byte, full_name, preferred_name))
    }

    fn record(byte: u8, full_name: &str, preferred_name: &str) -> Client {
        let fields = ClientInput {
            full_name: full_name.into(),
            preferred_name: preferred_name.into(),
            ..ClientInput::default()
        }
        .validate("2026-01-01".parse().unwrap())
        .unwrap();
        Client::create(
            RecordId::from_bytes([byte; 16]),
            fields,
            Hlc::from_parts(1, 0, DeviceId::from_bytes([9; 16])),
        )
    }

    fn names(listed: Vec<&ClientSummary>) -> Vec<&str> {
        listed
            .into_iter()
            .map(ClientSummary::display_name)
            .collect()
    }

    #[test]
    fn matches_word_prefixes_in_any_order_ignoring_case_and_accents() {
        let zoe = client(1, "Zoë Anne-Marie Brontë", "");
        for query in ["zoe", "BRON", "marie zo", "anne", "  "] {
            assert!(NameQuery::new(query).matches(&zoe), "{query}");
        }
        for query in ["oe", "zoe smith", "x"] {
            assert!(!NameQuery::new(query).matches(&zoe), "{query}");
        }
    }

    #[test]
    fn names_with_any_latin_accent_or_decomposed_are_found_by_plain_letters() {
        let pasted = client(1, "E\u{301}mile Dvořák", "");
        let polish = client(2, "Łukasz Wąsik", "");
        assert!(NameQuery::new("emile dvorak").matches(&pasted));
        assert!(NameQuery::new("Émile").matches(&pasted));
        assert!(NameQuery::new("lukasz was").matches(&polish));
        assert!(!NameQuery::new("lukasz was").matches(&pasted));
    }

    #[test]
    fn a_hyphenated_or_apostrophed_name_is_found_typed_whole() {
        let aroha = client(1, "Aroha Smith-Jones", "");
        let liam = client(2, "Liam O'Brien", "");
        for query in ["Aroha Smith-Jones", "smith-jones", "jones aroha", "smith-"] {
            assert!(NameQuery::new(query).matches(&aroha), "{query}");
        }
        for query in ["O'Brien", "o'b", "brien"] {
            assert!(NameQuery::new(query).matches(&liam), "{query}");
        }
        assert!(!NameQuery::new("smith-brown").matches(&aroha));
    }

    #[test]
    fn the_list_follows_the_collation_it_is_given_then_the_id() {
        let clients = [
            client(3, "Åsa Berg", ""),
            client(1, "Zoë Lind", ""),
            client(2, "Zoe Lind", ""),
        ];
        // A Swedish collation puts Å after Z; the folded order reads Å as A.
        let swedish = |left: &str, right: &str| {
            let key = |name: &str| name.starts_with('Å');
            key(left).cmp(&key(right)).then(folded_order(left, right))
        };
        assert_eq!(
            names(list_clients(&clients, &NameQuery::default(), swedish)),
            ["Zoë Lind", "Zoe Lind", "Åsa Berg"]
        );
        assert_eq!(
            names(list_clients(&clients, &NameQuery::default(), folded_order)),
            ["Åsa Berg", "Zoë Lind", "Zoe Lind"],
            "equal names under the collation keep the order of their ids"
        );
    }

    #[test]
    fn preferred_name_is_searched_too() {
        assert!(NameQuery::new("liz").matches(&client(1, "Elizabeth Tan", "Liz")));
    }

    #[test]
    fn list_hides_deleted_and_sorts_by_display_name() {
        let mut gone = record(3, "Aaron Gone", "");
        gone.delete(Hlc::from_parts(2, 0, DeviceId::from_bytes([9; 16])));
        let gone = ClientSummary::from(&gone);
        let clients = [
            client(1, "émile Zola", ""),
            client(2, "Bea Adams", "Bea"),
            gone,
            client(4, "Zed", ""),
        ];
        assert_eq!(
            names(list_clients(&clients, &NameQuery::default(), folded_order)),
            ["Bea", "émile Zola", "Zed"]
        );
        assert_eq!(
            names(list_clients(&clients, &NameQuery::new("z"), folded_order)),
            ["émile Zola", "Zed"]
        );
    }
}
