## Broadcasts

bc-progress = 📣 <b>Sending</b>
    { $bar } { $percent }%
    Delivered: { $sent } · not delivered: { $failed } · queued: { $pending } (of { $total })
bc-progress-done = ✅ <b>Sending finished</b>
    Delivered: { $sent } · not delivered: { $failed } (of { $total })
bc-progress-stopped = ⏹ <b>Sending stopped</b>
    Delivered: { $sent } · not delivered: { $failed } · not sent: { $cancelled } (of { $total })
bc-btn-stop = ⏹ Stop sending
bc-stopped = Sending stopped: { $count } were still queued.
bc-not-yours = This broadcast is not available to you.

## Events

ev-kind-seminar = Seminar
ev-kind-webinar = Webinar
ev-kind-conference = Conference
ev-kind-masterclass = Master class
ev-kind-roundtable = Round table
ev-kind-internship = Internship
ev-kind-course = Professional development course
ev-kind-contest = Professional contest
ev-kind-grant = Grant
ev-kind-other = Other
ev-level-school = school level
ev-level-municipal = municipal level
ev-level-regional = regional level
ev-level-federal = federal level

ev-announce-head = { $mark } { $kind } · { $level }
ev-when = 🗓 { $when } ({ $zone })
ev-until = ⏱ until { $when }
ev-place = 📍 { $place }
ev-link = 🔗 { $link }
ev-deadline = ✍️ Registration until { $when }
ev-capacity = 👥 Places: { $capacity }
ev-btn-register = ✅ Register
ev-btn-more = ℹ️ Details
ev-btn-waitlist = ⏳ Join the waiting list
ev-btn-unregister = ❌ Cancel registration
ev-btn-ics = 📅 Add to calendar
ev-btn-route = 🧭 Add to my route
ev-btn-file = 📎 Materials
ev-btn-all = All events
ev-btn-mine = 📋 My registrations
ev-btn-digest-off = 🔕 Stop the weekly digest

ev-list-title = <b>📅 Events for you</b>
ev-list-filter = Showing: { $kind }
ev-list-empty = No upcoming events for you yet. I'll write when there are.
ev-list-line = { $mark } { $when } — { $title }
ev-mine-title = <b>📋 My registrations</b>
ev-mine-empty = You haven't registered for anything yet.
ev-seats = Registered: { $taken } of { $capacity }
ev-you-registered = ✅ You are registered. I'll remind you a day and an hour before.
ev-you-waiting = ⏳ You are on the waiting list. If a place frees up, I'll write at once.
ev-closed = Registration is closed.
ev-started = The event has started or is over.
ev-full = No places left — you can join the waiting list.
ev-cancelled = ❌ The event is cancelled.
ev-not-for-you = This event is not available to you.

ev-reg-registered = You are registered! The calendar file is below.
ev-reg-waitlist = No places left — you are on the waiting list.
ev-reg-already = You are already registered.
ev-reg-closed = Registration is closed: the deadline has passed.
ev-reg-started = The event has already started.
ev-reg-cancelled = The event is cancelled.
ev-unregistered = Registration cancelled.
ev-promoted = 🎉 A place freed up: you are registered for “{ $title }”!
ev-ics-caption = 📅 Open the file to add the event to your phone's calendar.
ev-route-added = Added to your route.
ev-route-already = This event is already in your route.
ev-route-none = Build your route first under “My route”.

ev-remind-day = ⏰ Tomorrow: <b>{ $title }</b>
    🗓 { $when } ({ $zone })
ev-remind-hour = ⏰ In an hour: <b>{ $title }</b>
    🗓 { $when } ({ $zone })
ev-feedback-prompt = How was “{ $title }”? Please rate it — it helps make the next events better.
ev-thanks = Thank you for the feedback!
ev-rate-not-yet = You can rate the event once it is over.
ev-changed = ✏️ <b>Changes to an event you registered for</b>
ev-cancel-notice = ❌ The event “{ $title }” ({ $when }) is cancelled. Sorry for the inconvenience.
ev-digest-title = <b>📅 Events in the next two weeks</b>
ev-digest-off-hint = The digest comes once a week. Turn it off with the button below.
ev-digest-off-done = All right, no more digests. Events are still under “Events”.

## Events: the methodological service

es-title = <b>📣 Announcements and news</b>
es-none = No events yet.
es-btn-new = ➕ New event
es-status-draft = draft
es-status-scheduled = scheduled
es-status-published = published
es-status-cancelled = cancelled
es-status-mark-draft = 📝
es-status-mark-scheduled = 🕒
es-status-mark-published = 📣
es-status-mark-cancelled = ❌
es-kind-prompt = ➕ <b>New event</b>

    What will it be?
es-level-prompt = What level?
es-title-prompt = Write the title — teachers will see it like this.
es-title-bad = The title is 3 to { $max } characters.
es-description-prompt = Describe it briefly: for whom, what about, what participants get.
es-too-long = Too long — up to { $max } characters.
es-start-prompt = When does it start? Write the date and time ({ $zone }), e.g. 25.12.2026 15:00
es-date-bad = I didn't understand the date. Write it like this: 25.12.2026 15:00
es-date-past = That time has passed — give a future one.
es-length-prompt = How long is it? Or write the end date and time.
es-length = { $hours } h
es-length-none = Don't say
es-end-before = The end must be after the start.
es-place-prompt = Where? An address or a link to the stream.
es-place-bad = Please write the place on one line: an address or a link (https://…), with no line breaks or odd characters.
es-control-bad = The text has invisible control characters in it — please type it again.
es-deadline-prompt = Until when can people register? Choose, or write a date and time.
es-deadline-day = A day before the start
es-deadline-none = Until the start
es-deadline-bad = The registration deadline is in the future and not after the start.
es-capacity-prompt = How many places? Choose or write a number.
es-capacity-none = No limit
es-capacity-bad = Write the number of places, e.g. 25.
es-media-prompt = You can attach a poster image or a file (rules, programme).
es-media-bad = A picture or a file, please — or choose a button under the message.
es-aud-title = <b>👥 Who gets it</b>
es-aud-everyone = all teachers
es-aud-roles = roles: { $roles }
es-aud-municipalities = municipalities: { $names }
es-aud-subjects = subjects: { $names }
es-aud-young = young specialists only
es-aud-areas = with a gap in: { $names }
es-aud-count = Recipients: <b>{ $count }</b>
es-no-reach = Your profile lists no subjects, so the event would reach nobody: a methodist writes to the teachers of their subjects. Add your subjects in /profile.
es-aud-btn-roles = 👤 Roles
es-aud-btn-municipalities = 🏙 Municipalities
es-aud-btn-subjects = 📚 Subjects
es-aud-btn-areas = 📊 Gaps
es-aud-btn-young = 🌱 Young specialists only
es-opt-roles = By role? Nothing chosen — everyone.
es-opt-municipalities = Which municipalities? Nothing chosen — all.
es-opt-subjects = Teachers of which subjects? Nothing chosen — all.
es-opt-areas = Those with a gap in… Nothing chosen — everyone.
es-btn-done = ✅ Done
es-btn-preview = 👁 See it as teachers will
es-preview-title = This is what teachers will see. Recipients: <b>{ $count }</b>.
es-preview-image = 🖼 With a poster image.
es-btn-publish = 🚀 Publish now ({ $count })
es-btn-schedule = 🕒 Schedule
es-btn-urgent = ⚡ Urgent (don't wait for the morning)
es-btn-delete-draft = 🗑 Delete the draft
es-schedule-prompt = When to publish? Write the date and time ({ $zone }), e.g. 20.12.2026 10:00
es-published = Published: { $count } recipients.
es-published-already = This event is already published or cancelled.
es-not-published = Only a published event can be changed.
es-dropped = Draft deleted.
es-not-yours = This event is not available to you.
es-card-title = <b>Event</b> · { $status }
es-card-regs = Registered: { $registered } · waiting: { $waitlist } · attended: { $attended }
es-card-rating = Average rating: { $rating }
es-card-scheduled = Publishing at: { $when }
es-card-delivery = Sending: delivered { $sent }, not delivered { $failed }, queued { $pending } (of { $total })
es-btn-people = 👥 Registrations and attendance
es-btn-edit = ✏️ Change
es-btn-cancel-event = ❌ Cancel the event
es-btn-xlsx = 📥 Export to Excel
es-people-title = <b>👥 Registered</b> ({ $count })
es-people-hint = Tap a name to mark attendance.
es-people-later = You can mark attendance once the event is over.
es-attend-not-yet = Attendance is marked after the event is over.
es-edit-prompt = What to change? Registered people will be told.
es-edit-title = Title
es-edit-description = Description
es-edit-start = Date and time
es-edit-place = Place or link
es-edit-bad = That didn't work: check what you wrote (the date in the future, like 25.12.2026 15:00).
es-edited = ✏️ Saved. Telling registered people: { $count }.
es-cancelled = The event is cancelled; telling registered people: { $count }.
es-xlsx-caption = 📥 Registrations, attendance, feedback and delivery.
es-sheet-people = Registrations
es-sheet-delivery = Sending
es-col-name = Name
es-col-municipality = Municipality
es-col-school = School
es-col-status = Status
es-col-attended = Attendance
es-col-rating = Rating
es-col-feedback = Feedback
es-col-event = Event
es-col-total = Total
es-col-sent = Delivered
es-col-failed = Failed
es-col-blocked = Blocked the bot
es-col-pending = Queued
es-reg-registered = on the list
es-reg-waitlist = waiting
es-reg-cancelled = registration cancelled
