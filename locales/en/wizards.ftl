## Wizards: “Back”, “Cancel”, “Keep as it is” on every step

wz-btn-back = ⬅️ Back
wz-btn-cancel = ✖️ Cancel
wz-btn-keep = ↩️ Keep as it is
wz-btn-clear = 🧹 Remove
wz-current = Now: { $value }
wz-none = not given
wz-stale = This button belongs to a step that is already closed — nothing changed. Start again from the menu.

## Event

wz-media-picture = a poster image
wz-media-file = the file “{ $name }”
wz-btn-to-events = 📣 To events
wz-btn-to-event = ⬅️ To the event
wz-event-cancelled = ✖️ All right, no event is created.
wz-event-cancelled-draft =
    ✖️ All right, stopped here. The draft “{ $title }” is kept in the list of events: come back to it later or delete it now.
wz-edit-cancelled = ✖️ All right, nothing is changed.

## Survey

wz-survey-cancelled = ✖️ All right, no survey is created.
wz-survey-cancelled-draft =
    ✖️ All right, stopped here. The survey draft “{ $title }” is kept in the list of surveys: come back to it later or delete it now.

## Route step

wz-route-step-cancelled = ✖️ All right, no step is added. The route stays as it was.

## A mentor's meeting

wz-btn-to-pair = ⬅️ To the pair
wz-meeting-cancelled = ✖️ All right, the meeting is not recorded.

## Invite

wz-btn-to-roles = ⬅️ To roles and invitations
wz-invite-cancelled = ✖️ All right, no invitation is created.

## Mentoring: the application, the card, a meeting's topic

wz-btn-to-mentoring = 🤝 To mentoring
wz-apply-cancelled = ✖️ All right, the application is not sent. You can become a mentor at any time.
wz-btn-to-card = ⚙️ To the mentor card
wz-btn-to-meeting = ⬅️ To the meeting
wz-card-about-prompt = Write a few words about yourself: experience, strengths, what you can help with.
