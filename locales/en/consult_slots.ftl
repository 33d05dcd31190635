## Booking a consultation: the methodist's hours and the teacher's booking

menu-consult_slots = 🗓 My consultation hours
menu-consult_book = 📅 Book a consultation
menu-about-consult_slots = times when teachers can book a consultation with you: add hours, see bookings, mark whether a meeting took place.
menu-about-consult_book = free times of your methodist and of methodists for your subject: book in one tap, a calendar file, reminders; a consultation that took place can count for your route.

cs-minutes = { $n } { $n ->
    [one] minute
   *[other] minutes
}

## the methodist

cs-home-title = 🗓 <b>My consultation hours</b>
cs-home-empty = No free times yet. Add hours — teachers will see them under «📅 Book a consultation».
cs-home-upcoming = Coming hours ({ $zone }):
cs-home-to-mark = <b>Mark whether the consultation took place:</b>
cs-home-line-free = 🟢 { $when }, { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
} — free
cs-home-line-booked = 👤 { $when } — booked by: { $teacher }
cs-btn-new = ➕ Add a time
cs-btn-back-home = ⬅️ To my hours
cs-aborted = All right, nothing added.
cs-stale = This button no longer works — here is the current screen.
cs-not-yours = This time belongs to another methodist.
cs-type-text = Please type your answer — or press «✖️ Cancel».

cs-ask-day = Which day is the consultation? Type a date, e.g. <b>25.12</b> or <b>25.12.2026</b>.
    I will ask for the time next, { $zone }.
cs-ask-time = { $day }. What time does it start? E.g. <b>15:00</b> ({ $zone }).
cs-ask-duration = How long will the consultation take?
cs-ask-mode = How will the consultation take place?
cs-btn-online = 💻 Online
cs-btn-place = 🏫 In person
cs-ask-link = Send the video meeting link — it starts with https://
cs-ask-place = Where will the consultation be? Type the address and room in one line.
cs-ask-topic = If you like, type a topic or who this time suits (e.g. «on attestation»). Or press «No topic».
cs-btn-skip-topic = ➡️ No topic

cs-bad-day-format = I could not read the date. Type it like this: 25.12 or 25.12.2026.
cs-bad-day-date = There is no such day in the calendar. Check the day and month.
cs-bad-day-past = This day has passed. Choose today or a day ahead.
cs-bad-day-far = Times are published at most four months ahead.
cs-bad-time-format = I could not read the time. Type it like this: 15:00.
cs-bad-time-past = This time has passed. Choose a later one.
cs-bad-time-far = Times are published at most four months ahead.
cs-bad-online-not_url = This does not look like a link. Send the whole meeting address, starting with https://
cs-bad-online-long = The link is too long — 500 characters at most.
cs-bad-place-lines = Type the place in one line, without line breaks.
cs-bad-place-short = Too short — type an address or a room.
cs-bad-place-long = Too long — 300 characters at most.
cs-bad-topic-lines = Type the topic in one line, without line breaks.
cs-bad-topic-short = Too short — type a topic in a couple of words or press «No topic».
cs-bad-topic-long = The topic is too long — 200 characters at most.

cs-preview-title = <b>Check that everything is right:</b>
cs-btn-publish = { $weeks ->
    [1] ✅ Publish
   *[other] 🔁 Publish for { $weeks } weeks in a row
}
cs-published = { $count ->
    [0] Nothing published.
   *[other] ✅ Published. New times open for booking: { $count }.
}
cs-published-skipped = Skipped (passed already or overlapping your other hours): { $times }

cs-card-title = 🗓 <b>Consultation</b>
cs-card-when = 🕒 { $when } ({ $zone })
cs-card-minutes = ⏱ { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
}
cs-card-topic = 💬 Topic: { $topic }
cs-where-online = 💻 Online (the link comes with the booking)
cs-where-online-link = 💻 Online: { $link }
cs-where-place = 📍 { $place }
cs-status-free = 🟢 Free
cs-status-booked-by = 👤 Booked by: { $teacher }
cs-status-cancelled = ✖️ Cancelled
cs-status-held = ✅ The consultation took place
cs-status-missed = ✖️ The consultation did not take place
cs-btn-ics = 📅 Calendar file
cs-btn-open = 🔎 Open
cs-btn-held = ✅ Took place
cs-btn-missed = ❌ Did not take place
cs-btn-cancel-slot = ❌ Cancel this time
cs-btn-cancel-yes = Yes, cancel
cs-cancel-ask = Cancel the consultation on { $when }? Teachers will no longer see this time.
cs-cancel-ask-booked = Cancel the consultation on { $when }? A teacher has booked it: { $teacher }. I will tell them.
cs-cancelled = The time is cancelled.
cs-mark-not-yet = You can mark it once the consultation's time has passed.
cs-marked-held = Marked: the consultation took place. The teacher can count it for their route.
cs-marked-missed = Marked: the consultation did not take place.
cs-ics-caption = Open the file — the consultation will appear in your phone's calendar.
cs-ics-title-methodist = Consultation: { $name }
cs-ics-title-teacher = Consultation with methodist { $name }

cs-notice-booked = 📅 A teacher booked a consultation: <b>{ $teacher }</b>
    🕒 { $when } ({ $zone }), { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
}
cs-notice-released = Teacher { $teacher } cancelled the booking for { $when }. The time is free again.
cs-remind-day-teacher = ⏰ Tomorrow: a consultation with methodist { $name }, { $when } ({ $zone }).
cs-remind-hour-teacher = ⏰ In an hour: a consultation with methodist { $name }, { $when } ({ $zone }).
cs-remind-day-methodist = ⏰ Tomorrow: a consultation with { $name }, { $when } ({ $zone }).
cs-remind-hour-methodist = ⏰ In an hour: a consultation with { $name }, { $when } ({ $zone }).

## the teacher

bk-list-title = 📅 <b>Book a consultation</b>
bk-list-empty = Methodists have no free times now. Look again later — or ask your methodist a question in writing.
bk-list-zone = Choose a convenient time (times are { $zone }):
bk-list-own = ⭐ — your methodist's time.
bk-btn-mine = 📋 My bookings ({ $count })
bk-btn-mine-short = 📋 My bookings
bk-btn-back-list = ⬅️ To free times
bk-not-for-you = This time is not available to you.
bk-card-title = 📅 <b>Consultation with methodist { $methodist }</b>
bk-status-mine = ✅ You are booked
bk-status-taken = ⛔ This time is taken
bk-btn-take = ✅ Book
bk-take-booked = You are booked! The calendar file is below.
bk-take-already = You have already booked this time.
bk-take-taken = Another teacher has just taken this time. Please choose another one.
bk-take-past = This time has passed. Please choose another one.
bk-take-limit = You already have three upcoming bookings. Once one of them has passed, you can book again.
bk-btn-drop = ❌ Cancel the booking
bk-btn-drop-yes = Yes, cancel the booking
bk-drop-ask = Cancel your booking for { $when }? The methodist will be told and the time becomes free again.
bk-cancelled = The booking is cancelled.
bk-cancel-late = The consultation has started — the booking can no longer be cancelled.
bk-mine-title = 📋 <b>My bookings</b>
bk-mine-empty = No bookings yet.
bk-btn-other-time = 📅 Choose another time
bk-notice-cancelled = ✖️ Methodist { $methodist } cancelled the consultation on { $when }. Please choose another time.
bk-notice-held = ✅ The consultation with methodist { $methodist } ({ $when }) took place. Count it for your route?

bk-btn-route = 📎 Count it for my route
bk-btn-route-add = ➕ Add a «Consultation» step and count it
bk-btn-open-route = 🧭 Open the route
bk-route-pick = Your route has several «Consultation» steps. Which one should it count for?
bk-route-no-step = Your route has no open «Consultation» step. Add one and count this consultation at once?
bk-route-done = Done!
bk-route-counted = ✅ The consultation counts for the route step «{ $step }».
bk-route-counted-added = ✅ The step «{ $step }» was added to your route and the consultation counts for it.
bk-route-already = This consultation already counts for your route.
bk-route-not-held = Only a consultation the methodist marked as held can count.
bk-route-none = You have no route (ИОМ) yet. You can build one under «Route» after the self-diagnosis.
bk-route-not-sent = Send your route to your methodist first — then steps can be marked done.
bk-step-title = Consultation with methodist { $methodist }
bk-evidence-text = Consultation with methodist { $methodist }: { $when }, { $minutes } { $minutes ->
    [one] minute
   *[other] minutes
}.

job-consult-slot-reminders = Reminders of booked consultations
