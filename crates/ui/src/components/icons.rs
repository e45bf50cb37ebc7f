//! Inline SVG icons (no icon font, nothing fetched). Each is decorative:
//! the text beside it carries the meaning, so they are hidden from
//! screen readers.

use yew::prelude::*;

/// The icons the app uses.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Icon {
    /// People: the client list.
    Clients,
    /// Calendar: today.
    Today,
    /// Two arrows: sync and backup.
    Sync,
    /// Sliders: settings.
    Settings,
    /// Plus: add.
    Add,
    /// Chevron left: back.
    Back,
    /// Magnifier: search.
    Search,
    /// Triangle with mark: warning, and the *caution* alert level.
    Warning,
    /// Octagon with a bar: the *do not treat* alert level.
    Stop,
    /// Circle with a slash: an area to avoid.
    Avoid,
    /// Printer.
    Print,
    /// Tick: signed.
    Check,
    /// Pencil: a draft.
    Draft,
    /// Question mark in a circle: check with the client.
    Ask,
}

fn path(icon: Icon) -> &'static str {
    match icon {
        Icon::Clients => "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 10v-1a6 6 0 0 1 6-6h2a6 6 0 0 1 6 6v1M16 3.5a4 4 0 0 1 0 7.5M19 14.2a6 6 0 0 1 3 5.3V21",
        Icon::Today => "M4 6h16v14H4zM4 10h16M8 3v5M16 3v5M8 14h3v3H8z",
        Icon::Sync => "M4 10a8 8 0 0 1 14-4l2 2M20 4v4h-4M20 14a8 8 0 0 1-14 4l-2-2M4 20v-4h4",
        Icon::Settings => "M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0M16 4v4M10 10v4M18 16v4",
        Icon::Add => "M12 5v14M5 12h14",
        Icon::Back => "M15 5l-7 7 7 7",
        Icon::Search => "M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM21 21l-5-5",
        Icon::Warning => "M12 3l10 18H2zM12 10v5M12 18v.01",
        Icon::Stop => "M8 2h8l6 6v8l-6 6H8l-6-6V8zM7 12h10",
        Icon::Avoid => "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM5.6 5.6l12.8 12.8",
        Icon::Print => "M6 9V3h12v6M6 18H4v-7h16v7h-2M7 14h10v7H7z",
        Icon::Check => "M4 12l5 5L20 6",
        Icon::Draft => "M4 20h4L19 9l-4-4L4 16zM13 7l4 4",
        Icon::Ask => "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14M12 17.5v.01",
    }
}

/// Properties of [`IconView`].
#[derive(Properties, PartialEq)]
pub struct IconProps {
    /// Which icon.
    pub icon: Icon,
}

/// One icon at the current font size.
#[function_component(IconView)]
pub fn icon_view(props: &IconProps) -> Html {
    html! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"
             fill="none" stroke="currentColor" stroke-width="1.8"
             stroke-linecap="round" stroke-linejoin="round">
            <path d={path(props.icon)} />
        </svg>
    }
}
