"""Actions on activities (R11). Every write to events, registrations and attendance goes through here.

One module a topic: `events`, `registrations` (with their emails and tasks), `attendance` (check-in,
participant lists, anonymising) and `attendance_reminders` (the autumn reminder, R6). The names are
gathered here so that callers write `services.register_person(...)`.
"""

from .attendance import (
    MAX_PARTICIPANT_ROWS,
    anonymise_participant,
    check_in,
    check_in_person,
    dismiss_participant_row,
    import_participants,
    match_participant_row,
    record_walk_in,
    undo_check_in,
)
from .events import EVENT_FIELDS, cancel_event, create_event, update_event
from .registrations import (
    AlreadyRegistered,
    RegistrationOutcome,
    allow_public_attempt,
    cancel_registration,
    cancel_token,
    cancel_url,
    register_colleague,
    register_person,
    register_publicly,
    registration_from_token,
    send_event_cancelled,
    send_registration_confirmation,
    send_waiting_list_promotion,
)

__all__ = [
    "EVENT_FIELDS",
    "MAX_PARTICIPANT_ROWS",
    "AlreadyRegistered",
    "RegistrationOutcome",
    "allow_public_attempt",
    "anonymise_participant",
    "cancel_event",
    "cancel_registration",
    "cancel_token",
    "cancel_url",
    "check_in",
    "check_in_person",
    "create_event",
    "dismiss_participant_row",
    "import_participants",
    "match_participant_row",
    "record_walk_in",
    "register_colleague",
    "register_person",
    "register_publicly",
    "registration_from_token",
    "send_event_cancelled",
    "send_registration_confirmation",
    "send_waiting_list_promotion",
    "undo_check_in",
    "update_event",
]
