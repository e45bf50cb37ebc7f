//! `stillpoint generate`: a synthetic practice for tests, demos and
//! benchmarks, the same byte for byte for the same seed.
//!
//! Two devices (a tablet and a laptop) create clients and see them over
//! nearly twenty years (the span a long-standing practice's backups cover),
//! edit, delete, restore and, now and then, edit the same notes on both
//! devices without syncing, which leaves conflicts to resolve. Names, dates
//! and notes vary the way real ones do: accents, apostrophes, long names,
//! empty and multi-line notes. Most clients have an intake and some a
//! treatment plan; sessions are charted and signed (a few left as drafts,
//! some of those discarded), with a pain score before and after, now and
//! then a score of the therapist's own jaw instrument, and now and then an
//! amendment. The therapist also keeps a few contraindication rules of
//! their own (one later removed), so every record kind appears.
//!
//! At practice scale it looks like a real caseload: some intakes tick a
//! condition that raises an alert at every later session (answered by an
//! override, or by marking the area to avoid on the body chart), and a few
//! regular clients come far more often than the rest, so some clients
//! carry hundreds of sessions.
//!
//! [`samples`] holds the hand-made counterparts: one record of each kind,
//! for tests that need a particular record rather than a practice.

pub mod samples;

use std::collections::BTreeMap;

use stillpoint_core::base::date::CalendarDate;
use stillpoint_core::base::environment::{Environment, SeededEnvironment};
use stillpoint_core::base::finite::Finite;
use stillpoint_core::base::hlc::{Hlc, HlcClock};
use stillpoint_core::base::ids::{DeviceId, RecordId};
use stillpoint_core::base::recency::WindowUnit;
use stillpoint_core::clients::client::{Client, ClientFields, ClientInput};
use stillpoint_core::clinical::alert_override::AlertOverride;
use stillpoint_core::clinical::amendment::AmendedSession;
use stillpoint_core::clinical::body_chart::{BodyChart, MarkKind};
use stillpoint_core::clinical::body_regions::{Area, Region, Side};
use stillpoint_core::clinical::contraindication_rules::{
    AlertLevel, OwnRule, Practice as Work, RuleInput, Trigger, DEFAULT_RULES,
};
use stillpoint_core::clinical::cst_findings::{
    Amplitude, ListeningStation, Symmetry, TechniqueResponse, TechniqueResult,
};
use stillpoint_core::clinical::health_history::Condition;
use stillpoint_core::clinical::intake::{ConditionInput, ConsentInput, Intake, IntakeInput};
use stillpoint_core::clinical::screening::{screen, Alert};
use stillpoint_core::clinical::session::SessionDraft;
use stillpoint_core::clinical::session_form::{MarkInput, RhythmInput, SessionInput};
use stillpoint_core::clinical::session_note::{Modality, Soap, SoapField, TextField};
use stillpoint_core::outcomes::benefit::{BenefitArea, PainSite};
use stillpoint_core::outcomes::catalogue::{builtin, free_instruments};
use stillpoint_core::outcomes::change::Direction;
use stillpoint_core::outcomes::custom_instrument::{
    Aggregate, CustomInstrumentInput, OwnInstrument,
};
use stillpoint_core::outcomes::instrument::{Instrument, InstrumentId};
use stillpoint_core::outcomes::measure::{Measure, MeasureInput, Timing};
use stillpoint_core::outcomes::plan::{GoalInput, PlanInput, PlanStatus, PlanVersion};
use stillpoint_core::outcomes::scoring::Answers;
use stillpoint_core::selfcare::care_item::{CareCategory, CareItemInput, Period as CarePeriod};
use stillpoint_core::selfcare::care_plan::{
    CarePlanInput, CarePlanVersion, NewVersion, PlannedItemInput,
};
use stillpoint_core::selfcare::diary::{DayInput, Diary};
use stillpoint_core::selfcare::library::{builtin_items, LibraryItem, LibraryKey, LibraryValue};
use stillpoint_core::sync::dataset::Dataset;
use stillpoint_core::sync::device_name::DeviceName;
use stillpoint_core::sync::export::ExportFile;

/// 2005-01-03 09:00 UTC, a Monday: when the synthetic practice opens. Its
/// last change falls at most twenty years later, so a generated file is
/// never stamped in an importing device's future.
const START_MILLIS: u64 = 1_104_742_800_000;
/// Twenty years (7,305 days): the practice's clock moves on one step per id
/// minted, so the ids a practice mints at most, spread over this span, set
/// the step.
const SPAN_MILLIS: u64 = 7_305 * 24 * 60 * 60 * 1000;

/// Given names, with the short name some clients prefer.
const GIVEN_NAMES: &[(&str, &str)] = &[
    ("Ada", ""),
    ("Zoë", ""),
    ("Siobhán", "Shiv"),
    ("José", "Pepe"),
    ("Mei", ""),
    ("Oluwaseun", "Seun"),
    ("Anneliese", "Anna"),
    ("Björn", ""),
    ("Priya", ""),
    ("Łukasz", "Luke"),
    ("Aroha", ""),
    ("Fatima", ""),
    ("Dmitri", "Dima"),
    ("Noor", ""),
    ("Kenji", ""),
    ("Ngozi", ""),
    ("Inès", ""),
    ("Mateus", "Mat"),
    ("Saoirse", ""),
    ("Elizabeth", "Liz"),
    ("Tomás", "Tom"),
    ("Alexandra", "Sasha"),
];

const FAMILY_NAMES: &[&str] = &[
    "Lovelace",
    "Ó Briain",
    "García Márquez",
    "Nguyen",
    "Okafor",
    "van der Berg",
    "Kowalski",
    "Al-Sayed",
    "Takahashi",
    "Smith-Jones",
    "da Silva",
    "MacDonald",
    "Novák",
    "Haddad",
    "Ng",
    "O'Connor",
    "Wiremu",
    "Lindqvist",
];

const NOTE_LINES: &[&str] = &[
    "Lower back tension after long drives.",
    "Prefers side-lying; no face cradle.",
    "History of migraines: gentle work at the occiput only.",
    "Left shoulder stiff since a fall in the spring.",
    "Pregnant (second trimester): no prone position.",
    "Sleeps badly; responds well to still points.",
    "Referred by her osteopath.",
    "Jaw clenching at night (TMJ); dentist aware.",
    "Runs marathons; tight calves and hamstrings.",
    "Anxious at the first visit, much calmer now.",
    "Allergic to nut oils: use the unscented lotion.",
    "Works at a desk, 10 h a day — neck and wrists.",
];

/// The therapist's own rules: what the alert says, and the word in a
/// client's history that raises it. The last is later removed.
const OWN_RULES: &[(&str, &str)] = &[
    ("Recent whiplash", "whiplash"),
    ("Migraine on the day", "migraine"),
    ("Jaw surgery", "jaw surgery"),
];

/// Who signs and amends the generated notes.
const THERAPIST: &str = "Sam Rivera";

/// Conditions some intakes tick, each raising an alert at every later
/// session: a caution that needs an override, and two areas to avoid.
const CONDITIONS: &[(Condition, Option<Area>)] = &[
    (Condition::Epilepsy, None),
    (Condition::VaricoseVeins, Some(Area::Calf)),
    (Condition::Bruising, Some(Area::BackThigh)),
];

/// In percent: how many intakes tick one of [`CONDITIONS`].
const WITH_CONDITION: usize = 15;

/// In percent: how many sessions go to the practice's regulars (the first
/// hundredth of its clients) rather than to any client. At 1,000 clients
/// and 30,000 sessions each regular has about 240 sessions.
const REGULARS_SHARE: usize = 7;

/// The therapist's own instrument `id`: two jaw questions, 0 to 4, summed.
fn jaw_instrument(id: RecordId) -> Instrument {
    let input = CustomInstrumentInput {
        name: "Jaw function checklist".to_owned(),
        area: BenefitArea::Pain(PainSite::Tmj),
        items: vec!["Chewing tough food".to_owned(), "Yawning".to_owned()],
        min: 0.0,
        max: 4.0,
        min_label: "No limitation".to_owned(),
        max_label: "Cannot at all".to_owned(),
        whole_numbers: true,
        aggregate: Aggregate::Sum,
        direction: Direction::LowerIsBetter,
        change_points: Some(2.0),
        change_percent: None,
        change_source: String::new(),
        licence: "Licensed to this practice".to_owned(),
    };
    input
        .build(id, 1)
        .expect("the generated instrument is valid")
}

/// A practice's worth of chance, drawn from one seeded stream.
struct Practice {
    environment: SeededEnvironment,
    /// The pain scale every generated score and goal uses.
    pain: Instrument,
    /// The therapist's own instrument, scored now and then.
    jaw: Instrument,
    /// Average time between two clients' first visits.
    step_millis: u64,
    tablet: HlcClock,
    laptop: HlcClock,
    /// One device standing in for every client's phone, where diaries are
    /// kept (a simplification: real clients each have their own).
    phones: HlcClock,
    dataset: Dataset,
    /// Each client's intake, screened at every session.
    intakes: BTreeMap<RecordId, Intake>,
    /// The self-care plans written, to keep diaries of at the end.
    care_plans: Vec<CarePlanVersion>,
}

fn slug(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .flat_map(|c| c.to_lowercase())
        .collect()
}

impl Practice {
    fn below(&mut self, bound: usize) -> usize {
        (self.environment.next_u64() % bound as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn notes(&mut self) -> String {
        let count = self.below(4);
        let lines: Vec<&str> = (0..count).map(|_| self.pick(NOTE_LINES)).collect();
        lines.join("\n")
    }

    fn input(&mut self) -> ClientInput {
        let (given, short) = self.pick(GIVEN_NAMES);
        let family = self.pick(FAMILY_NAMES);
        let full_name = if self.chance(2) {
            let second = self.pick(FAMILY_NAMES);
            format!("{given} Maria Auguste {family}-{second} y {family}")
        } else {
            format!("{given} {family}")
        };
        let preferred_name = if self.chance(60) { short } else { "" }.to_owned();
        // Clients are 8 to 82 years old when they first come.
        let date_of_birth = if self.chance(85) {
            format!(
                "{}-{:02}-{:02}",
                usize::from(self.today().year()) - 82 + self.below(75),
                1 + self.below(12),
                1 + self.below(28)
            )
        } else {
            String::new()
        };
        let phone = if self.chance(75) {
            format!("+44 7700 9{:05}", self.below(100_000))
        } else {
            String::new()
        };
        let email = if self.chance(60) {
            format!("{}.{}@example.org", slug(given), slug(family))
        } else {
            String::new()
        };
        ClientInput {
            full_name,
            preferred_name,
            date_of_birth,
            phone,
            email,
            notes: self.notes(),
        }
    }

    fn today(&self) -> CalendarDate {
        self.environment.today()
    }

    /// The tablet and the laptop as the therapist named them in Settings.
    fn device_names(&mut self) {
        for (on_laptop, name) in [(false, "Treatment room iPad"), (true, "Reception laptop")] {
            let stamp = self.tick(on_laptop);
            let named = DeviceName::new(stamp.device(), name, stamp).expect("a tidy name");
            self.dataset.insert(named);
        }
    }

    fn tick(&mut self, on_laptop: bool) -> Hlc {
        let now = self.environment.now_millis();
        let clock = if on_laptop {
            &mut self.laptop
        } else {
            &mut self.tablet
        };
        clock.tick(now)
    }

    fn valid(&self, input: &ClientInput) -> ClientFields {
        input
            .validate(self.today())
            .expect("generated client details are always valid")
    }

    fn create(&mut self) {
        let id = RecordId::new(&mut self.environment);
        let input = self.input();
        let on_laptop = self.chance(20);
        let stamp = self.tick(on_laptop);
        let client = Client::create(id, self.valid(&input), stamp);
        let born = client.date_of_birth();
        let name = client.full_name().to_owned();
        self.dataset.insert_client(client);
        if self.chance(80) {
            self.intake(id, born, &name);
        }
    }

    /// The therapist's own rules and jaw instrument (`jaw`), defined on the
    /// tablet when the practice opens; the last rule is removed again.
    fn definitions(&mut self, jaw: RecordId) {
        for (index, (name, word)) in OWN_RULES.iter().enumerate() {
            let id = RecordId::new(&mut self.environment);
            let input = RuleInput {
                name: (*name).to_owned(),
                level: AlertLevel::Caution,
                practice: Work::Both,
                triggers: vec![Trigger::Mentions((*word).to_owned().into())],
                recent_within: String::new(),
                recent_unit: WindowUnit::Months,
                regions: vec![],
            };
            let rule = input.validate(id).expect("the generated rules are valid");
            let mut record = OwnRule::create(id, rule, self.tick(false));
            if index + 1 == OWN_RULES.len() {
                record.remove(self.tick(false));
            }
            self.dataset.insert(record);
        }
        let stamp = self.tick(false);
        self.dataset
            .insert(OwnInstrument::create(jaw, self.jaw.clone(), stamp));
    }

    /// The client's health intake, filled in and signed today.
    fn intake(&mut self, client: RecordId, born: Option<CalendarDate>, name: &str) {
        let today = self.today().to_string();
        // Anyone who may still be under 18 consents through a guardian.
        let minor = born.is_some_and(|born| born.year() + 19 > self.today().year());
        let input = IntakeInput {
            date: today.clone(),
            conditions: self.conditions(),
            goals: self.pick(NOTE_LINES).to_owned(),
            consent: ConsentInput {
                typed_name: name.to_owned(),
                by_guardian: minor,
                guardian_relationship: if minor { "Parent" } else { "" }.to_owned(),
                strokes: vec![vec![(10, 10), (40 + self.below(60) as u16, 30)]],
                date: today,
            },
            ..IntakeInput::default()
        };
        let answers = input
            .validate(self.today(), born)
            .expect("generated intakes are always valid");
        let id = RecordId::new(&mut self.environment);
        let stamp = self.tick(false);
        let intake = Intake::create(id, client, answers, stamp);
        self.intakes.insert(client, intake.clone());
        self.dataset.insert(intake);
    }

    /// A client back more than a year after their intake fills in a new
    /// one before the session, as the app asks; clients who never gave an
    /// intake are left without.
    fn renew_stale_intake(&mut self, client: RecordId) {
        let today = self.today();
        let stale = self
            .intakes
            .get(&client)
            .is_some_and(|intake| intake.is_stale_on(today));
        let details = self
            .dataset
            .client(client)
            .map(|client| (client.date_of_birth(), client.full_name().to_owned()));
        if let (true, Some((born, name))) = (stale, details) {
            self.intake(client, born, &name);
        }
    }

    /// Now and then one of [`CONDITIONS`], on the left or right.
    fn conditions(&mut self) -> Vec<ConditionInput> {
        if !self.chance(WITH_CONDITION) {
            return vec![];
        }
        let (condition, area) = self.pick(CONDITIONS);
        let side = self.pick(&[Side::Left, Side::Right]);
        let regions = area
            .map(|area| Region::new(area, Some(side)).expect("legs have sides"))
            .into_iter()
            .collect();
        vec![ConditionInput {
            condition,
            date: String::new(),
            regions,
            note: String::new(),
        }]
    }

    /// The alerts the client's intake raises today.
    fn alerts(&self, client: RecordId) -> Vec<Alert> {
        self.intakes
            .get(&client)
            .map(|intake| screen(intake, DEFAULT_RULES, self.today()))
            .unwrap_or_default()
    }

    /// What the therapist does about today's alerts: an override where one
    /// is needed, and the regions to avoid marked on the body chart.
    fn answer_alerts(&mut self, alerts: &[Alert], input: &mut SessionInput, on_laptop: bool) {
        for alert in alerts.iter().filter(|alert| alert.level.needs_override()) {
            let at = self.tick(on_laptop);
            input.overrides.push(
                AlertOverride::new(alert, "Settled for years; gentle work only.", THERAPIST, at)
                    .expect("generated overrides are complete"),
            );
        }
        let mut avoid = BodyChart::default();
        avoid.mark_alert_areas(alerts);
        input
            .marks
            .extend(avoid.marks().iter().copied().map(MarkInput::from));
    }

    /// A pain plan for the client, written today.
    fn plan(&mut self, client: RecordId) {
        let baseline = 5 + self.below(5);
        let input = PlanInput {
            goals: vec![GoalInput {
                instrument: self.pain.reference(),
                description: "Less back pain day to day".to_owned(),
                baseline: baseline as f64,
                target: (baseline - 3) as f64,
            }],
            sessions_per_period: 1,
            period_weeks: 1 + self.below(2) as u8,
            planned_sessions: 6,
            review_date: self.today().to_string(),
            status: PlanStatus::Active,
            note: String::new(),
        };
        let fields = input
            .validate(&free_instruments(), self.today())
            .expect("generated plans are always valid");
        let id = RecordId::new(&mut self.environment);
        let stamp = self.tick(false);
        let plan = PlanVersion::create(id, client, fields, stamp);
        if self.chance(50) {
            self.care_plan(&plan);
        }
        self.dataset.insert(plan);
    }

    /// A self-care plan of two to four library items for the client of
    /// `plan`, the first tied to its goal.
    fn care_plan(&mut self, plan: &PlanVersion) {
        let library = builtin_items();
        let count = 2 + self.below(3);
        let first = self.below(library.len());
        let items = (0..count)
            .map(|offset| PlannedItemInput {
                item: library[(first + offset * 7) % library.len()].1.to_input(),
                source: Some(LibraryKey::Builtin(
                    library[(first + offset * 7) % library.len()].0.to_owned(),
                )),
                goals: if offset == 0 { vec![0] } else { Vec::new() },
            })
            .collect();
        let made = NewVersion {
            id: RecordId::new(&mut self.environment),
            client: plan.client(),
            previous: None,
            stamp: self.tick(false),
            written: self.today(),
        };
        let care_plan = CarePlanInput {
            items,
            message: "Little and often is better than a lot at once.".to_owned(),
        }
        .validate(made, Some(plan))
        .expect("generated self-care plans are valid");
        self.dataset.insert(care_plan.clone());
        self.care_plans.push(care_plan);
    }

    /// The therapist's library: an item of their own, their edit of a
    /// built-in item, and an item they later removed.
    fn library(&mut self) {
        let (key, builtin) = builtin_items().swap_remove(0);
        let mut edit = builtin.to_input();
        edit.how_long = "Three slow breaths each side".to_owned();
        let values = [
            (
                None,
                CareItemInput {
                    title: "Evening walk".to_owned(),
                    category: Some(CareCategory::Other),
                    times: 5,
                    per: Some(CarePeriod::Week),
                    how_long: "20 minutes".to_owned(),
                    how_to: "An easy walk after dinner, arms swinging.".to_owned(),
                    ..CareItemInput::default()
                },
            ),
            (Some(key.to_owned()), edit),
            (None, builtin.to_input()),
        ];
        for (index, (replaces, input)) in values.into_iter().enumerate() {
            let item = input.validate().expect("generated library items are valid");
            let id = RecordId::new(&mut self.environment);
            let mut record =
                LibraryItem::create(id, LibraryValue { replaces, item }, self.tick(false));
            if index == 2 {
                record.remove(self.tick(false));
            }
            self.dataset.insert(record);
        }
    }

    /// Diaries of most self-care plans, kept on the clients' phones: each
    /// day since the plan was written, about two in three logged.
    fn diaries(&mut self) {
        let today = self.today();
        let now = self.environment.now_millis();
        for plan in std::mem::take(&mut self.care_plans) {
            if !self.chance(60) {
                continue;
            }
            let mut diary = Diary::start(RecordId::new(&mut self.environment), &plan);
            let days = (today.days_since_epoch() - plan.written().days_since_epoch()).min(27);
            for offset in 0..=days {
                if !self.chance(65) {
                    continue;
                }
                let on = plan
                    .written()
                    .plus_days(offset)
                    .expect("a day of the practice");
                let done = (0..plan.items().len() as u8)
                    .filter(|_| self.chance(70))
                    .collect();
                let day = DayInput {
                    date: on.to_string(),
                    done,
                    symptoms: Some(self.below(11) as u8),
                    note: String::new(),
                };
                let stamp = self.phones.tick(now);
                diary
                    .log(&day, &plan, today, stamp)
                    .expect("generated diary days are valid");
            }
            self.dataset.insert(diary);
        }
    }

    /// A score of `instrument` (every question given the same answer) for
    /// the client, taken around `session` on `date`.
    fn measure(
        &mut self,
        instrument: &Instrument,
        session: &SessionInput,
        id: RecordId,
        timing: Timing,
        on_laptop: bool,
    ) {
        let (client, date) = (session.client, session.date.parse());
        let scale = instrument.items()[0].scale();
        let top = scale.max().get() as usize;
        let value =
            Finite::new(self.below(top + 1) as f64).expect("small whole numbers are finite");
        let input = MeasureInput {
            client: client.expect("generated sessions name their client"),
            session: Some(id),
            date: date.expect("generated sessions are dated"),
            timing,
            answers: Answers::Items {
                values: vec![Some(value); instrument.items().len()],
            },
        };
        let measure_id = RecordId::new(&mut self.environment);
        let stamp = self.tick(on_laptop);
        let measure = Measure::record(instrument, input, self.today(), measure_id, stamp)
            .expect("generated scores are always valid");
        self.dataset.insert(measure);
    }

    /// A complete CST session note for the client, dated today.
    fn note_input(&mut self, client: RecordId) -> SessionInput {
        SessionInput {
            client: Some(client),
            date: self.today().to_string(),
            start: format!("{:02}:{:02}", 8 + self.below(10), 15 * self.below(4)),
            duration: self.pick(&["45", "60", "75"]).to_owned(),
            modalities: vec![Modality::Cst],
            soap: Soap {
                subjective: self.pick(NOTE_LINES).to_owned(),
                objective: "Rhythm restricted at the head.".to_owned(),
                assessment: "Good release at the cranial base.".to_owned(),
                plan: self
                    .pick(&["Weekly.", "Fortnightly.", "Review in a month."])
                    .to_owned(),
            },
            rhythm: vec![RhythmInput {
                station: ListeningStation::Head,
                rate: format!("{}.{}", 6 + self.below(4), self.below(10)),
                amplitude: Some(Amplitude::Low),
                symmetry: Some(Symmetry::RestrictedLeft),
                quality: (1 + self.below(5)).to_string(),
            }],
            techniques: vec![TechniqueResult {
                technique: "Frontal lift".to_owned(),
                response: Some(TechniqueResponse::Released),
                note: String::new(),
            }],
            somato_emotional: String::new(),
            improvement: format!("{}%", 10 * self.below(10)),
            massage: Default::default(),
            marks: vec![MarkInput {
                region: Region::new(Area::Jaw, Some(Side::Left)).expect("the jaw has sides"),
                kind: MarkKind::Pain,
                intensity: Some(1 + self.below(9) as u8),
            }],
            overrides: vec![],
            ratings: vec![],
            since_last_time: Default::default(),
        }
    }

    /// One session of the client: charted, then (mostly) signed with a
    /// score before and after, and now and then amended.
    fn session(&mut self, client: RecordId) {
        self.renew_stale_intake(client);
        let on_laptop = self.chance(20);
        let mut input = self.note_input(client);
        let alerts = self.alerts(client);
        self.answer_alerts(&alerts, &mut input, on_laptop);
        let note = input
            .validate(self.today())
            .expect("generated notes are always valid");
        let id = RecordId::new(&mut self.environment);
        let started = self.tick(on_laptop);
        let mut draft = SessionDraft::start(id, note, started);
        if self.chance(5) {
            if self.chance(40) {
                let stamp = self.tick(on_laptop);
                draft.discard(stamp);
            }
            self.dataset.insert(draft);
            return;
        }
        let pain = self.pain.clone();
        self.measure(&pain, &input, id, Timing::PreSession, on_laptop);
        self.measure(&pain, &input, id, Timing::PostSession, on_laptop);
        if self.chance(15) {
            let jaw = self.jaw.clone();
            self.measure(&jaw, &input, id, Timing::PostSession, on_laptop);
        }
        let signed_at = self.tick(on_laptop);
        let signed = draft
            .sign(&alerts, THERAPIST, signed_at)
            .expect("generated notes are complete");
        if self.chance(10) {
            let amendment_id = RecordId::new(&mut self.environment);
            let at = self.tick(false);
            let amendment = AmendedSession::new(&signed, [])
                .amend(
                    amendment_id,
                    THERAPIST,
                    "Plan agreed after the session",
                    vec![(
                        TextField::Soap(SoapField::Plan),
                        "Weekly for a month, then review.".to_owned(),
                    )],
                    at,
                )
                .ok();
            self.dataset.extend(amendment);
        }
        self.dataset.insert(signed);
    }

    fn edit_notes(&mut self, client: &mut Client, on_laptop: bool) {
        let mut input = client.to_input();
        let line = self.pick(NOTE_LINES);
        input.notes = format!("{}\nFollow-up: {line}", input.notes)
            .trim()
            .to_owned();
        let fields = self.valid(&input);
        let stamp = self.tick(on_laptop);
        client.edit(fields, stamp);
    }

    /// Later activity on an existing client.
    fn revisit(&mut self, mut client: Client) {
        let pause = self.environment.next_u64() % self.step_millis.div_ceil(2);
        let later = self.environment.now_millis() + pause;
        self.environment.set_now_millis(later);
        if self.chance(30) {
            self.edit_notes(&mut client, false);
        }
        if self.chance(5) {
            let mut on_laptop = client.clone();
            self.edit_notes(&mut on_laptop, true);
            self.edit_notes(&mut client, false);
            self.dataset.insert_client(on_laptop);
        }
        if self.chance(8) {
            let stamp = self.tick(false);
            client.delete(stamp);
            if self.chance(25) {
                let stamp = self.tick(false);
                client.restore(stamp);
            }
        }
        self.dataset.insert_client(client);
    }
}

/// A practice of `clients` clients and about `sessions` sessions, the same
/// for the same `seed`.
pub fn practice(clients: usize, sessions: usize, seed: u64) -> ExportFile {
    // Three device ids, the own rules and instrument, three library items,
    // two device names, up to five ids per client (client, intake, plan,
    // self-care plan, diary) and per session a note, two pain scores and
    // now and then a jaw score, an amendment or a renewed intake (about 3.2
    // in all) each move the clock on a step.
    let ids = 5 * clients as u64 + 7 * sessions as u64 / 2 + OWN_RULES.len() as u64 + 9;
    let step_millis = (SPAN_MILLIS / ids).max(1);
    let mut environment = SeededEnvironment::new(seed, START_MILLIS, step_millis);
    let tablet = HlcClock::new(DeviceId::new(&mut environment));
    let laptop = HlcClock::new(DeviceId::new(&mut environment));
    let phones = HlcClock::new(DeviceId::new(&mut environment));
    let jaw = RecordId::new(&mut environment);
    let mut practice = Practice {
        environment,
        pain: builtin(InstrumentId::Nprs(PainSite::Back)).expect("the pain scale is built in"),
        jaw: jaw_instrument(jaw),
        step_millis,
        tablet,
        laptop,
        phones,
        dataset: Dataset::new(),
        intakes: BTreeMap::new(),
        care_plans: Vec::new(),
    };
    practice.definitions(jaw);
    practice.library();
    (0..clients).for_each(|_| practice.create());
    let created: Vec<Client> = practice.dataset.clients().cloned().collect();
    let ids: Vec<RecordId> = created.iter().map(Client::id).collect();
    created
        .into_iter()
        .for_each(|client| practice.revisit(client));
    for &client in &ids {
        if practice.chance(30) {
            practice.plan(client);
        }
    }
    if !ids.is_empty() {
        let regulars = &ids[..ids.len().div_ceil(100)];
        for _ in 0..sessions {
            let client = if practice.chance(REGULARS_SHARE) {
                practice.pick(regulars)
            } else {
                practice.pick(&ids)
            };
            practice.session(client);
        }
    }
    practice.diaries();
    practice.device_names();
    let now = practice.environment.now_millis();
    for other in [practice.laptop.last(), practice.phones.last()] {
        practice
            .tablet
            .observe(other, now)
            .expect("other devices' stamps are never ahead of the practice's clock");
    }
    ExportFile::full(practice.dataset, practice.tablet.last())
}

#[cfg(test)]
mod tests {
    use super::*;
    use stillpoint_core::clinical::session::SignedSession;
    use stillpoint_core::sync::dataset::RecordKind;
    use stillpoint_core::sync::parse::parse;

    #[test]
    fn the_same_seed_gives_the_same_bytes() {
        assert_eq!(
            practice(50, 20, 7).to_bytes(),
            practice(50, 20, 7).to_bytes()
        );
        assert_ne!(
            practice(50, 20, 7).to_bytes(),
            practice(50, 20, 8).to_bytes()
        );
    }

    #[test]
    fn a_practice_never_reaches_past_its_twenty_years() {
        let end = START_MILLIS + SPAN_MILLIS;
        for clients in [0, 1, 5, 400] {
            let file = practice(clients, 2 * clients, 3);
            let newest = file.dataset().version_vector().stamps().max();
            assert!(newest.is_none_or(|stamp| stamp.wall_millis() <= end));
            assert!(file.high_water().wall_millis() <= end);
        }
    }

    #[test]
    fn a_practice_is_valid_and_varied() {
        let file = practice(400, 600, 1);
        assert_eq!(parse(&file.to_bytes()), Ok(file.clone()));
        let clients: Vec<&Client> = file.dataset().clients().collect();
        assert_eq!(file.dataset().count(RecordKind::Client), 400);
        assert!(clients.iter().any(|client| client.is_deleted()));
        assert!(clients.iter().any(|client| !client.conflicts().is_empty()));
        assert!(clients
            .iter()
            .any(|client| client.preferred_name().is_some()));
        assert!(clients.iter().any(|client| client.notes().contains('\n')));
        assert!(clients
            .iter()
            .any(|client| client.date_of_birth().is_none()));
        let devices = file.dataset().version_vector().stamps().count();
        assert_eq!(devices, 3, "tablet, laptop and the clients' phones");
        for kind in RecordKind::ALL {
            assert!(file.dataset().count(kind) > 0, "{kind}");
        }
        let dataset = file.dataset();
        assert!(dataset
            .records::<OwnRule>()
            .any(|rule| rule.current().is_none()));
        assert!(dataset
            .records::<SessionDraft>()
            .any(SessionDraft::is_discarded));
        let intakes_of = |client| {
            dataset
                .records::<Intake>()
                .filter(move |intake| intake.client() == client)
        };
        assert!(
            clients
                .iter()
                .any(|client| intakes_of(client.id()).count() > 1),
            "a regular back after a year filled in a new intake"
        );
        for session in dataset.records::<SignedSession>() {
            let details = session.note().details();
            let on = details.date.expect("generated notes are dated");
            let intakes: Vec<&Intake> = intakes_of(details.client).collect();
            let current = intakes
                .iter()
                .filter(|intake| intake.date() <= on)
                .max_by_key(|intake| intake.date());
            assert!(
                intakes.is_empty() || current.is_some_and(|intake| !intake.is_stale_on(on)),
                "no session is charted on a stale intake"
            );
        }
        assert!(dataset
            .records::<Measure>()
            .any(|measure| matches!(measure.instrument().id, InstrumentId::Custom(_))));
    }
}
