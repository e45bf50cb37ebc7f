//! Practice outcomes: across all clients and a date range, per benefit area
//! and instrument, how many clients were measured, what share improved
//! meaningfully, the median change and the median number of sessions it
//! took — and the same table as CSV.
//!
//! Rows are per instrument within a benefit area, never pooled across
//! instruments: a median of pain points and PSFS points together would mean
//! nothing. Each client is judged exactly as on their own progress view
//! ([`crate::outcomes::progress::analyse`]), using only their scores inside the range,
//! so the practice figures and the client's chart never disagree.

use std::collections::BTreeMap;

use crate::base::csv;
use crate::base::date::CalendarDate;
use crate::base::finite::Finite;
use crate::base::ids::RecordId;
use crate::base::stats::median;
use crate::outcomes::benefit::BenefitArea;
use crate::outcomes::change::Classification;
use crate::outcomes::instrument::{Instrument, InstrumentRef, Unit};
use crate::outcomes::measure::Measure;
use crate::outcomes::progress::analyse;

/// The date range is the wrong way round.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
#[error("The start date must not be after the end date.")]
pub struct RangeError;

/// One line of the practice table.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct OutcomeRow {
    /// The benefit area.
    pub area: BenefitArea,
    /// The instrument and version.
    pub instrument: InstrumentRef,
    /// The instrument's name.
    pub instrument_name: String,
    /// What its scores count.
    pub unit: Unit,
    /// Clients with at least one score in the range.
    pub clients_measured: usize,
    /// Clients whose change could be judged (two or more before-session or
    /// standalone scores, or one rating for a change rating such as PGIC).
    pub clients_judged: usize,
    /// Clients judged meaningfully improved.
    pub clients_improved: usize,
    /// Improved clients as a percentage of those judged; `None` if none
    /// could be judged.
    pub share_improved: Option<Finite>,
    /// Median of (latest − first) score over the clients judged; `None` for
    /// a change rating, whose score is already a change.
    pub median_change: Option<Finite>,
    /// Median number of sessions until the first meaningful improvement,
    /// over the improved clients.
    pub median_sessions_to_improvement: Option<Finite>,
}

fn finite(value: f64) -> Finite {
    Finite::new(value).expect("medians and shares of finite scores are finite")
}

fn row(instrument: &Instrument, measures: &[&Measure]) -> Option<OutcomeRow> {
    // Grouped by client first: analysing each client against every measure
    // would grow with clients × measures (seconds for a 20-year practice).
    let mut by_client: BTreeMap<RecordId, Vec<&Measure>> = BTreeMap::new();
    for &measure in measures {
        by_client.entry(measure.client()).or_default().push(measure);
    }
    let analyses: Vec<_> = by_client
        .iter()
        .map(|(&client, theirs)| analyse(instrument, theirs.iter().copied(), client))
        .filter(|analysis| !analysis.points.is_empty())
        .collect();
    if analyses.is_empty() {
        return None;
    }
    let changes: Vec<_> = analyses
        .iter()
        .filter_map(|analysis| analysis.change.ok())
        .collect();
    let improved: Vec<_> = changes
        .iter()
        .filter(|change| change.classification == Classification::Improved)
        .collect();
    let differences: Vec<f64> = changes.iter().map(|change| change.change.get()).collect();
    let sessions: Vec<f64> = improved
        .iter()
        .filter_map(|change| change.sessions_to_improvement)
        .map(|sessions| sessions as f64)
        .collect();
    Some(OutcomeRow {
        area: instrument.area(),
        instrument: instrument.reference(),
        instrument_name: instrument.name().to_owned(),
        unit: instrument.unit(),
        clients_measured: analyses.len(),
        clients_judged: changes.len(),
        clients_improved: improved.len(),
        share_improved: (!changes.is_empty())
            .then(|| finite(improved.len() as f64 * 100.0 / changes.len() as f64)),
        median_change: instrument
            .change_rule()
            .needs_baseline()
            .then(|| median(&differences).map(finite))
            .flatten(),
        median_sessions_to_improvement: median(&sessions).map(finite),
    })
}

/// The practice table for scores dated `from` to `to` (both included), one
/// row per instrument of `instruments` that has any score in the range,
/// ordered by benefit area and then as `instruments` lists them.
pub fn practice_outcomes(
    instruments: &[Instrument],
    measures: &[Measure],
    from: CalendarDate,
    to: CalendarDate,
) -> Result<Vec<OutcomeRow>, RangeError> {
    if from > to {
        return Err(RangeError);
    }
    let mut rows: Vec<OutcomeRow> = instruments
        .iter()
        .filter_map(|instrument| {
            let mine: Vec<&Measure> = measures
                .iter()
                .filter(|measure| {
                    measure.instrument() == instrument.reference()
                        && (from..=to).contains(&measure.date())
                })
                .collect();
            row(instrument, &mine)
        })
        .collect();
    rows.sort_by_key(|row| row.area);
    Ok(rows)
}

fn optional(value: Option<Finite>) -> String {
    value.map(|value| value.to_string()).unwrap_or_default()
}

/// The table as CSV ([`crate::base::csv`]), with a header row. Blank cells mean "cannot be
/// computed", never zero.
pub fn outcomes_csv(rows: &[OutcomeRow]) -> String {
    let header = [
        "Benefit area",
        "Instrument",
        "Unit",
        "Clients measured",
        "Clients with a change to judge",
        "Clients meaningfully improved",
        "Share improved (%)",
        "Median change",
        "Median sessions to improvement",
    ];
    let lines = rows.iter().map(|row| {
        [
            row.area.to_string(),
            row.instrument_name.clone(),
            row.unit.name().to_owned(),
            row.clients_measured.to_string(),
            row.clients_judged.to_string(),
            row.clients_improved.to_string(),
            optional(row.share_improved),
            optional(row.median_change),
            optional(row.median_sessions_to_improvement),
        ]
    });
    csv::render(std::iter::once(header.map(str::to_owned)).chain(lines))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcomes::benefit::PainSite;
    use crate::outcomes::catalogue::{builtin, free_instruments};
    use crate::outcomes::instrument::InstrumentId;
    use crate::outcomes::measure::tests::recorded;
    use crate::outcomes::measure::Timing;

    fn id(byte: u8) -> RecordId {
        RecordId::from_bytes([byte; 16])
    }

    fn date(text: &str) -> CalendarDate {
        text.parse().unwrap()
    }

    fn n(value: f64) -> Option<Finite> {
        Some(Finite::new(value).unwrap())
    }

    /// Weekly sessions 1–4 on Mondays from 5 January 2026.
    const WEEKS: [&str; 4] = ["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"];

    /// Where a fixture score was taken: in a session (1-based into
    /// [`WEEKS`]) or on a day of its own.
    enum When {
        Session(u8),
        Day(&'static str),
    }

    #[derive(Default)]
    struct Practice {
        measures: Vec<Measure>,
    }

    impl Practice {
        fn add(
            &mut self,
            instrument: InstrumentId,
            client: u8,
            when: When,
            values: &[Option<f64>],
        ) {
            let serial = self.measures.len() as u8;
            let (session, day, timing) = match when {
                When::Session(number) => (
                    Some(id(client * 10 + number)),
                    WEEKS[usize::from(number) - 1],
                    if instrument == InstrumentId::Nprs(PainSite::Back) {
                        Timing::PreSession
                    } else {
                        Timing::Standalone
                    },
                ),
                When::Day(day) => (None, day, Timing::Standalone),
            };
            let instrument = builtin(instrument).unwrap();
            let measure = recorded(
                &instrument,
                serial,
                id(client),
                session,
                day,
                timing,
                values,
            );
            self.measures.push(measure);
        }

        /// Back pain before sessions 1, 2, … of `client`.
        fn pain(&mut self, client: u8, scores: &[f64]) {
            for (session, score) in (1..).zip(scores) {
                let back = InstrumentId::Nprs(PainSite::Back);
                self.add(back, client, When::Session(session), &[Some(*score)]);
            }
        }
    }

    /// Five back-pain clients, one with well-being, two with PGIC. By hand:
    ///
    /// Back pain (lower is better; 2 points or 30 %):
    /// - A 8, 7, 5, 4: −4, improved; first at 5 (3 points), session 3.
    /// - B 6, 5, 5: −1 (17 %), no meaningful change.
    /// - C 5, 3 (and a 9 in December, outside the range): −2, improved,
    ///   session 2.
    /// - D 7 only: measured, not judged.
    /// - E 4, 8: +4, worse.
    ///
    /// Measured 5, judged 4, improved 2 → 50 %. Changes −4, −2, −1, +4 →
    /// median (−2 − 1) / 2 = −1.5. Sessions to improvement 3, 2 → 2.5.
    ///
    /// WHO-5 (higher is better; 10 points): A 40 in session 1, 56 in session
    /// 4: +16, improved; sessions with a WHO-5 score from the first to the
    /// improvement: 2. B's WHO-5 has a blank answer: not scored, so not
    /// measured. Measured 1, judged 1, improved 1 → 100 %, median change 16,
    /// median sessions 2.
    ///
    /// PGIC (a rating; 1–2 improved): A rates 2 in session 4 → improved
    /// within 1 session; B rates 4 → no change. Measured 2, judged 2,
    /// improved 1 → 50 %, no median change, median sessions 1.
    fn fixture() -> Vec<Measure> {
        let mut practice = Practice::default();
        practice.pain(1, &[8.0, 7.0, 5.0, 4.0]);
        practice.pain(2, &[6.0, 5.0, 5.0]);
        let back = InstrumentId::Nprs(PainSite::Back);
        practice.add(back, 3, When::Day("2025-12-15"), &[Some(9.0)]);
        practice.pain(3, &[5.0, 3.0]);
        practice.pain(4, &[7.0]);
        practice.pain(5, &[4.0, 8.0]);
        let raw_10 = [2.0, 2.0, 2.0, 2.0, 2.0].map(Some);
        let raw_14 = [3.0, 3.0, 3.0, 3.0, 2.0].map(Some);
        practice.add(InstrumentId::Who5, 1, When::Session(1), &raw_10);
        practice.add(InstrumentId::Who5, 1, When::Session(4), &raw_14);
        let blank = [Some(3.0), None, Some(3.0), Some(3.0), Some(3.0)];
        practice.add(InstrumentId::Who5, 2, When::Session(1), &blank);
        practice.add(InstrumentId::Pgic, 1, When::Session(4), &[Some(2.0)]);
        practice.add(InstrumentId::Pgic, 2, When::Session(3), &[Some(4.0)]);
        practice.measures
    }

    fn outcomes(from: &str, to: &str) -> Result<Vec<OutcomeRow>, RangeError> {
        practice_outcomes(&free_instruments(), &fixture(), date(from), date(to))
    }

    #[test]
    fn fixture_practice_by_hand() {
        let rows = outcomes("2026-01-01", "2026-03-31").unwrap();
        let figures: Vec<_> = rows
            .iter()
            .map(|row| {
                (
                    row.area,
                    row.clients_measured,
                    row.clients_judged,
                    row.clients_improved,
                    row.share_improved,
                    row.median_change,
                    row.median_sessions_to_improvement,
                )
            })
            .collect();
        assert_eq!(
            figures,
            [
                (
                    BenefitArea::Pain(PainSite::Back),
                    5,
                    4,
                    2,
                    n(50.0),
                    n(-1.5),
                    n(2.5)
                ),
                (BenefitArea::WellBeing, 1, 1, 1, n(100.0), n(16.0), n(2.0)),
                (BenefitArea::Global, 2, 2, 1, n(50.0), None, n(1.0)),
            ]
        );
        assert_eq!(
            outcomes_csv(&rows),
            "\u{feff}Benefit area,Instrument,Unit,Clients measured,Clients with a change to judge,\
             Clients meaningfully improved,Share improved (%),Median change,\
             Median sessions to improvement\r\n\
             Pain: back,Pain rating (NPRS): back,points,5,4,2,50,-1.5,2.5\r\n\
             Emotional well-being,WHO-5 Well-Being Index,points,1,1,1,100,16,2\r\n\
             Global change,Patient Global Impression of Change (PGIC),points,2,2,1,50,,1\r\n"
        );
    }

    #[test]
    fn the_range_limits_what_counts() {
        // The first two weeks only: A 8 → 7, B 6 → 5, C 5 → 3 (December's 9
        // is out), D 7, E 4 → 8. Judged 4, improved only C: 25 %.
        let rows = outcomes("2026-01-01", "2026-01-12").unwrap();
        let back = &rows[0];
        assert_eq!((back.clients_judged, back.clients_improved), (4, 1));
        assert_eq!(back.share_improved, n(25.0));
        assert_eq!(outcomes("2026-02-01", "2026-01-01"), Err(RangeError));
        assert_eq!(outcomes("2027-01-01", "2027-12-31"), Ok(Vec::new()));
    }

    #[test]
    fn names_with_commas_and_quotes_stay_in_their_column() {
        let row = OutcomeRow {
            area: BenefitArea::Pain(PainSite::Tmj),
            instrument: builtin(InstrumentId::MouthOpening).unwrap().reference(),
            instrument_name: "Jaw checklist, \"short\"".to_owned(),
            unit: Unit::Millimetres,
            clients_measured: 1,
            clients_judged: 0,
            clients_improved: 0,
            share_improved: None,
            median_change: None,
            median_sessions_to_improvement: None,
        };
        let csv = outcomes_csv(&[row]);
        assert!(
            csv.ends_with("\r\nPain: TMJ,\"Jaw checklist, \"\"short\"\"\",mm,1,0,0,,,\r\n"),
            "{csv}"
        );
    }
}
