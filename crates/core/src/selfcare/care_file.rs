//! The two small files that go between the therapist's tablet and the
//! client's phone: the **plan file** (one client's current self-care plan,
//! and nothing else of the practice) and the **diary file** the client
//! sends back.
//!
//! Both are plain JSON: the client opens them in Stillpoint's client mode,
//! which has no passphrase to share, and they hold only what the client
//! already has on their own phone. They are bounded far below export files
//! and read as strictly: each wrong file gets its own message, including a
//! practice backup opened in client mode, and a plan opened as a diary.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::care_plan::CarePlanVersion;
use super::diary::Diary;
use crate::base::json_file::{
    read_json_object, JsonFileError, DIARY_FORMAT, EXPORT_FORMAT, PLAN_FORMAT,
};
use crate::base::text_limit::{is_plain_line, is_plain_text, shown, trimmed};
use crate::clients::client::Client;
use crate::outcomes::instrument::Instrument;
use crate::outcomes::plan::{PlanVersion, MAX_GOALS};

/// The version of both formats this build writes and the newest it reads.
pub const CARE_FILE_VERSION: u32 = 1;

/// Largest plan or diary file accepted: 1 MiB. A full plan is under
/// 40 KB and two years of diary under 150 KB.
pub const MAX_CARE_FILE_BYTES: usize = 1024 * 1024;

/// Longest name or goal a plan file carries, in characters: far more than
/// a greeting, a therapist's name or a goal in a client's words needs, and
/// short enough that a file cannot fill the phone's screen with one.
/// [`PlanFile::for_client`] cuts longer ones.
pub const MAX_PLAN_NAME_CHARS: usize = 200;

/// `text` cut to [`MAX_PLAN_NAME_CHARS`], trimmed again.
fn cut(text: &str) -> String {
    let cut: String = text.chars().take(MAX_PLAN_NAME_CHARS).collect();
    cut.trim().to_owned()
}

/// A client's plan as it travels to their phone.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    format: String,
    version: u32,
    /// The name the plan greets the client by.
    pub client_name: String,
    /// Who wrote the plan (the therapist's name), or empty.
    pub from: String,
    /// The goals of the treatment plan the items refer to, by position.
    pub goals: Vec<String>,
    /// The plan.
    pub plan: CarePlanVersion,
}

/// A client's diary as it travels back to the therapist.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiaryFile {
    format: String,
    version: u32,
    /// The diary.
    pub diary: Diary,
}

/// Which of the two files is expected.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CareFileKind {
    /// A plan file.
    Plan,
    /// A diary file.
    Diary,
}

/// Why a plan or diary file cannot be opened. Nothing changes when any is
/// returned.
#[derive(Clone, PartialEq, Eq, Debug, thiserror::Error)]
pub enum CareFileError {
    /// Empty file.
    #[error("This file is empty. Ask for the file to be sent again.")]
    Empty,
    /// Over the size limit.
    #[error("This file is far larger than a plan or diary can be, so it was not opened.")]
    TooLarge,
    /// An encrypted practice backup.
    #[error("This is an encrypted practice backup, not a self-care plan or diary. Backups are opened on the Sync page.")]
    Encrypted,
    /// A practice backup or sync file.
    #[error("This is a practice backup or sync file, not a self-care plan or diary. Backups are opened on the Sync page of the therapist's app.")]
    Backup,
    /// A plan where a diary was expected.
    #[error("This is the self-care plan, not the client's diary. Ask the client to export their diary from the app.")]
    PlanNotDiary,
    /// A diary where a plan was expected.
    #[error("This is a diary, not a self-care plan. Diaries are imported by the therapist on the client's page.")]
    DiaryNotPlan,
    /// Any other file.
    #[error("This is not a Stillpoint plan or diary file.")]
    WrongFormat,
    /// Written by a newer app.
    #[error("This file was made by a newer version of Stillpoint. Update the app first, then open it again.")]
    FutureVersion,
    /// Damaged or edited by hand.
    #[error("This file is damaged or was edited by hand, so it was not opened ({detail}).")]
    Damaged {
        /// What is wrong, for support.
        detail: String,
    },
}

/// A damaged file; `detail` may quote the file, so it is shown escaped
/// ([`shown`]).
fn damaged(detail: impl AsRef<str>) -> CareFileError {
    CareFileError::Damaged {
        detail: shown(detail.as_ref(), 300),
    }
}

/// Whether the names a plan file shows the client are what the app writes:
/// trimmed, within [`MAX_PLAN_NAME_CHARS`], one line, no direction
/// controls; at most as many goals as a treatment plan has; and the plan's
/// texts plain.
fn names_are_plain(file: &PlanFile) -> bool {
    let name = |text: &str, needed: bool| {
        trimmed(text, MAX_PLAN_NAME_CHARS).is_ok_and(|clean| clean == text)
            && is_plain_line(text)
            && !(needed && text.is_empty())
    };
    let plan = &file.plan;
    name(&file.client_name, true)
        && name(&file.from, false)
        && file.goals.len() <= MAX_GOALS
        && file.goals.iter().all(|goal| name(goal, false))
        && is_plain_text(plan.message())
        && plan.items().iter().all(|planned| planned.item().is_plain())
}

impl PlanFile {
    /// The file for `plan`, greeting the client by `client_name`, with the
    /// goal texts the items refer to.
    pub fn new(
        plan: CarePlanVersion,
        client_name: String,
        from: String,
        goals: Vec<String>,
    ) -> Self {
        Self {
            format: PLAN_FORMAT.to_owned(),
            version: CARE_FILE_VERSION,
            client_name,
            from,
            goals,
            plan,
        }
    }

    /// The file for `client`'s `plan`, written by `from`: it greets the
    /// client by their preferred name or else the first word of their full
    /// name (the file carries no more of the record than that), and holds
    /// the goals of `treatment` — the treatment-plan version the items'
    /// goal positions refer to — each in the client's words or, where none
    /// were written, as its benefit ("Stress").
    pub fn for_client(
        client: &Client,
        plan: CarePlanVersion,
        from: &str,
        treatment: Option<&PlanVersion>,
        instruments: &[Instrument],
    ) -> Self {
        let name = client.preferred_name().unwrap_or_else(|| {
            let full = client.full_name();
            full.split_whitespace().next().unwrap_or(full)
        });
        let goals = treatment
            .filter(|treatment| Some(treatment.id()) == plan.treatment_plan())
            .map(|treatment| goal_words(treatment, instruments))
            .unwrap_or_default();
        let goals = goals.iter().map(|goal| cut(goal)).collect();
        Self::new(plan, cut(name), cut(from), goals)
    }

    /// The file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).expect("a plan file serialises")
    }

    /// Reads and checks a plan file.
    pub fn parse(bytes: &[u8]) -> Result<Self, CareFileError> {
        let file: Self = read(bytes, CareFileKind::Plan)?;
        let plan = &file.plan;
        let goals_known = plan
            .items()
            .iter()
            .flat_map(|planned| planned.goals())
            .all(|goal| usize::from(*goal) < file.goals.len());
        if !plan.is_as_entered() || !goals_known {
            return Err(damaged("the plan breaks the rules of the plan form"));
        }
        if !names_are_plain(&file) {
            return Err(damaged(
                "a name, goal or text is too long or holds characters a form never stores",
            ));
        }
        Ok(file)
    }
}

/// The goals of a treatment plan as a client reads them, by position: the
/// client's own words, or where none were written, the goal's benefit
/// ("Stress"), never an instrument's technical name.
pub fn goal_words(treatment: &PlanVersion, instruments: &[Instrument]) -> Vec<String> {
    treatment
        .plan()
        .goals()
        .iter()
        .map(|goal| match goal.description() {
            "" => instruments
                .iter()
                .find(|instrument| instrument.reference() == goal.instrument())
                .map(|instrument| instrument.area().to_string())
                .unwrap_or_default(),
            words => words.to_owned(),
        })
        .collect()
}

impl DiaryFile {
    /// The file for `diary`.
    pub fn new(diary: Diary) -> Self {
        Self {
            format: DIARY_FORMAT.to_owned(),
            version: CARE_FILE_VERSION,
            diary,
        }
    }

    /// The file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).expect("a diary file serialises")
    }

    /// Reads and checks a diary file (against its plan, where the
    /// therapist imports it: see [`Diary::fits`]).
    pub fn parse(bytes: &[u8]) -> Result<Self, CareFileError> {
        let file: Self = read(bytes, CareFileKind::Diary)?;
        if !file.diary.is_as_entered() {
            return Err(damaged("a day breaks the rules of the diary"));
        }
        if !file.diary.seen_only_its_days() {
            return Err(damaged(
                "the diary claims to have seen changes its days do not hold",
            ));
        }
        Ok(file)
    }
}

/// Reads the JSON with the export parser's bounds, then checks what the
/// file says it is before its shape, so a wrong file is named as such.
fn read<T: for<'de> Deserialize<'de>>(
    bytes: &[u8],
    kind: CareFileKind,
) -> Result<T, CareFileError> {
    if bytes.len() > MAX_CARE_FILE_BYTES {
        return Err(CareFileError::TooLarge);
    }
    let fields = read_json_object(bytes).map_err(|error| match error {
        JsonFileError::Empty => CareFileError::Empty,
        JsonFileError::Encrypted => CareFileError::Encrypted,
        JsonFileError::TooLarge { .. }
        | JsonFileError::TooDeep { .. }
        | JsonFileError::StringTooLong { .. } => CareFileError::TooLarge,
        other => damaged(other.to_string()),
    })?;
    let format = fields
        .get("format")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let expected = match kind {
        CareFileKind::Plan => PLAN_FORMAT,
        CareFileKind::Diary => DIARY_FORMAT,
    };
    match format {
        found if found == expected => {}
        EXPORT_FORMAT => return Err(CareFileError::Backup),
        PLAN_FORMAT => return Err(CareFileError::PlanNotDiary),
        DIARY_FORMAT => return Err(CareFileError::DiaryNotPlan),
        _ => return Err(CareFileError::WrongFormat),
    }
    match fields.get("version").and_then(Value::as_u64) {
        Some(version) if version > u64::from(CARE_FILE_VERSION) => {
            return Err(CareFileError::FutureVersion)
        }
        Some(version) if version >= 1 => {}
        _ => return Err(damaged("it has no version")),
    }
    serde_json::from_value(Value::Object(fields)).map_err(|error| damaged(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::hlc::Hlc;
    use crate::base::ids::{DeviceId, RecordId};
    use crate::selfcare::care_plan::tests::plan_of;
    use crate::selfcare::diary::tests::{date, day};

    fn plan_file() -> PlanFile {
        PlanFile::new(
            plan_of(&["Walk", "Breathe"], 2),
            "Anna".to_owned(),
            "Sam".to_owned(),
            Vec::new(),
        )
    }

    fn diary_file() -> DiaryFile {
        let plan = plan_of(&["Walk", "Breathe"], 2);
        let mut diary = Diary::start(RecordId::from_bytes([8; 16]), &plan);
        let stamp = Hlc::from_parts(5, 0, DeviceId::from_bytes([6; 16]));
        diary
            .log(
                &day("2026-11-21", &[0], Some(3)),
                &plan,
                date("2026-11-25"),
                stamp,
            )
            .unwrap();
        DiaryFile::new(diary)
    }

    #[test]
    fn a_plan_file_greets_by_first_name_and_carries_its_goals_in_words() {
        use crate::clients::client::ClientInput;
        use crate::outcomes::catalogue::{builtin, free_instruments};
        use crate::outcomes::instrument::InstrumentId;
        use crate::outcomes::plan::{GoalInput, PlanInput, PlanStatus};
        use crate::selfcare::care_plan::{CarePlanInput, NewVersion};
        let today = "2026-11-20".parse().unwrap();
        let stamp = Hlc::from_parts(5, 0, DeviceId::from_bytes([6; 16]));
        let client = |full: &str, preferred: &str| {
            let fields = ClientInput {
                full_name: full.to_owned(),
                preferred_name: preferred.to_owned(),
                ..ClientInput::default()
            }
            .validate(today)
            .unwrap();
            Client::create(RecordId::from_bytes([1; 16]), fields, stamp)
        };
        let goal = |instrument, description: &str| GoalInput {
            instrument: builtin(instrument).unwrap().reference(),
            description: description.to_owned(),
            baseline: 7.0,
            target: 3.0,
        };
        let fields = PlanInput {
            goals: vec![
                goal(InstrumentId::Stress, ""),
                goal(InstrumentId::Stress, "Feel rested"),
            ],
            sessions_per_period: 1,
            period_weeks: 1,
            planned_sessions: 6,
            review_date: "2027-02-01".into(),
            status: PlanStatus::Active,
            note: String::new(),
        }
        .validate(&free_instruments(), today)
        .unwrap();
        let treatment = PlanVersion::create(
            RecordId::from_bytes([9; 16]),
            RecordId::from_bytes([1; 16]),
            fields,
            stamp,
        );
        let mut form = CarePlanInput::from_plan(&plan_of(&["Walk"], 2));
        form.items[0].goals = vec![1];
        let made = NewVersion {
            id: RecordId::from_bytes([2; 16]),
            client: RecordId::from_bytes([1; 16]),
            previous: None,
            stamp,
            written: today,
        };
        let plan = form.validate(made, Some(&treatment)).unwrap();
        let file = PlanFile::for_client(
            &client("Anna Maria Berg", ""),
            plan.clone(),
            " Sam ",
            Some(&treatment),
            &free_instruments(),
        );
        assert_eq!(file.client_name, "Anna");
        let long = PlanFile::for_client(
            &client(&"A".repeat(300), ""),
            plan.clone(),
            "",
            Some(&treatment),
            &free_instruments(),
        );
        assert_eq!(long.client_name.chars().count(), MAX_PLAN_NAME_CHARS);
        assert!(PlanFile::parse(&long.to_bytes()).is_ok());
        assert_eq!(file.from, "Sam");
        assert_eq!(file.goals, ["Stress", "Feel rested"]);
        assert_eq!(PlanFile::parse(&file.to_bytes()), Ok(file));
        let other = PlanFile::for_client(&client("Anna Berg", "Annie"), plan, "", None, &[]);
        assert_eq!(other.client_name, "Annie");
        assert!(other.goals.is_empty());
    }

    #[test]
    fn both_files_round_trip() {
        let plan = plan_file();
        assert_eq!(PlanFile::parse(&plan.to_bytes()), Ok(plan));
        let diary = diary_file();
        assert_eq!(DiaryFile::parse(&diary.to_bytes()), Ok(diary));
    }

    #[test]
    fn plan_and_diary_files_from_a_newer_app_ask_for_an_update_not_damage() {
        let newer = |bytes: Vec<u8>| {
            let mut fields: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            fields["version"] = serde_json::json!(CARE_FILE_VERSION + 1);
            fields["a_field_of_the_newer_shape"] = serde_json::json!(true);
            serde_json::to_vec(&fields).unwrap()
        };
        for error in [
            PlanFile::parse(&newer(plan_file().to_bytes())).unwrap_err(),
            DiaryFile::parse(&newer(diary_file().to_bytes())).unwrap_err(),
        ] {
            assert_eq!(error, CareFileError::FutureVersion);
            let message = error.to_string();
            assert!(
                message.contains("made by a newer version of Stillpoint")
                    && message.contains("Update the app first")
                    && !message.contains("damaged"),
                "{message}"
            );
        }
    }

    #[test]
    fn each_wrong_file_gets_its_own_message() {
        let plan = plan_file().to_bytes();
        let diary = diary_file().to_bytes();
        assert_eq!(PlanFile::parse(b""), Err(CareFileError::Empty));
        assert_eq!(PlanFile::parse(&diary), Err(CareFileError::DiaryNotPlan));
        assert_eq!(DiaryFile::parse(&plan), Err(CareFileError::PlanNotDiary));
        assert_eq!(
            PlanFile::parse(b"age-encryption.org/v1\n-> scrypt"),
            Err(CareFileError::Encrypted)
        );
        let backup = br#"{"format":"stillpoint-export","schema_version":2}"#;
        assert_eq!(PlanFile::parse(backup), Err(CareFileError::Backup));
        assert_eq!(
            DiaryFile::parse(br#"{"format":"other"}"#),
            Err(CareFileError::WrongFormat)
        );
        let future = String::from_utf8(plan.clone())
            .unwrap()
            .replace("\"version\": 1", "\"version\": 9");
        assert_eq!(
            PlanFile::parse(future.as_bytes()),
            Err(CareFileError::FutureVersion)
        );
        assert_eq!(
            PlanFile::parse(&vec![b' '; MAX_CARE_FILE_BYTES + 1]),
            Err(CareFileError::TooLarge)
        );
        assert!(matches!(
            PlanFile::parse(&plan[..plan.len() / 2]),
            Err(CareFileError::Damaged { .. })
        ));
    }

    /// A plan file whose `change` leaves it otherwise valid.
    fn plan_with(change: impl FnOnce(&mut PlanFile)) -> Result<PlanFile, CareFileError> {
        let mut file = plan_file();
        change(&mut file);
        PlanFile::parse(&file.to_bytes())
    }

    #[test]
    fn names_and_goals_are_bounded_and_plain() {
        let refused = |result: Result<PlanFile, CareFileError>| {
            matches!(result, Err(CareFileError::Damaged { .. }))
        };
        assert!(plan_with(|_| {}).is_ok());
        assert!(refused(
            plan_with(|file| file.client_name = "A".repeat(201))
        ));
        assert!(refused(plan_with(|file| file.from = "S".repeat(201))));
        assert!(refused(plan_with(
            |file| file.goals = vec![String::new(); 99]
        )));
        assert!(refused(plan_with(|file| {
            file.goals = vec!["g".repeat(201)]
        })));
        for hostile in [
            "Ada\u{202e}gpj.exe",
            "Ada\u{1b}[2J",
            "Ada\nLovelace",
            "Ada\u{2066}",
        ] {
            assert!(
                refused(plan_with(|file| file.client_name = hostile.into())),
                "{hostile:?}"
            );
            assert!(
                refused(plan_with(|file| file.from = hostile.into())),
                "{hostile:?}"
            );
            assert!(
                refused(plan_with(|file| file.goals = vec![hostile.into()])),
                "{hostile:?}"
            );
        }
    }

    #[test]
    fn file_text_in_error_messages_is_escaped() {
        let text = String::from_utf8(plan_file().to_bytes()).unwrap().replacen(
            "\"from\"",
            "\"\\u001b[2J\\u202egpj.exe\"",
            1,
        );
        let message = PlanFile::parse(text.as_bytes()).unwrap_err().to_string();
        assert!(!message.contains(['\u{1b}', '\u{202e}']), "{message:?}");
        assert!(
            message.contains("\\u{1b}[2J\\u{202e}gpj.exe"),
            "{message:?}"
        );
    }

    #[test]
    fn a_diary_claiming_more_than_its_days_is_refused() {
        let text = String::from_utf8(diary_file().to_bytes()).unwrap();
        let mine = "\"5:0:06060606-0606-4606-8606-060606060606\"";
        assert!(text.contains(mine), "{text}");
        let claimed = text.replacen(
            &format!("\"seen\": [\n      {mine}"),
            &format!(
                "\"seen\": [\n      {mine},\n      \"4:0:07070707-0707-4707-8707-070707070707\""
            ),
            1,
        );
        assert_ne!(claimed, text);
        assert!(matches!(
            DiaryFile::parse(claimed.as_bytes()),
            Err(CareFileError::Damaged { .. })
        ));
    }

    #[test]
    fn a_hand_edited_plan_or_diary_is_refused() {
        let edited = String::from_utf8(plan_file().to_bytes())
            .unwrap()
            .replace("\"times\": 2", "\"times\": 99");
        assert!(matches!(
            PlanFile::parse(edited.as_bytes()),
            Err(CareFileError::Damaged { .. })
        ));
        let nonsense = String::from_utf8(diary_file().to_bytes())
            .unwrap()
            .replace("\"symptoms\": 3", "\"symptoms\": \"lots\"");
        assert!(matches!(
            DiaryFile::parse(nonsense.as_bytes()),
            Err(CareFileError::Damaged { .. })
        ));
        let linked = String::from_utf8(plan_file().to_bytes()).unwrap().replacen(
            "\"goals\": []",
            "\"goals\": [3]",
            2,
        );
        assert!(PlanFile::parse(linked.as_bytes()).is_err());
    }
}
