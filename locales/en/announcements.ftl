## Announcements without an event: staff write them, teachers read them in “News”.

# What teachers get (the same in the preview and in “News”)
an-head = 📰 <b>Announcement</b>

# “Events and mailings”
an-btn-new = 📰 New announcement
an-btn-mine = 🗂 My announcements

# The wizard: common buttons
an-btn-back = ⬅️ Back
an-btn-cancel = ✖️ Cancel
an-btn-next = ➡️ Next
an-cancelled = All right, the announcement is not sent.
an-not-draft = This announcement has been sent or scheduled already — it can no longer be changed.
an-not-yours = This announcement is not available to you.

# Step 1: the text
an-text-prompt =
    📰 <b>New announcement</b>
    Write the text as teachers will see it. For example: new certification rules, the course schedule, new methodological literature, a contest or a grant.
    Up to 3500 characters, or up to 950 if you attach a file or a picture.
an-text-again =
    The text now:

    <i>{ $text }</i>

    Send a new one — or keep it as it is.
an-btn-keep-text = ↩️ Keep as it is
an-text-empty = Please send the announcement’s text.
an-text-control = The text has invisible control characters — please type it again.
an-text-long = Too long: { $count ->
        [one] { $count } character
       *[other] { $count } characters
    }, and the limit is { $max }. Please shorten it.

# Step 2: a file or a picture
an-file-prompt = Attach a document (regulations, an order, a programme) or a picture — or press “Next”.
an-file-photo = 🖼 A picture is attached.
an-file-document = 📎 File attached: { $name }
an-btn-file-drop = 🗑 Remove the file
an-file-dropped = File removed.
an-file-bad = A document or a picture fits here — or press “Next”.
an-file-text-long = With a file the text becomes its caption, and a caption takes up to { $max } characters (now { $count }). Press “⬅️ Back” and shorten the text — or send the announcement without a file: “➡️ Next”.

# Step 3: link buttons
an-buttons-prompt =
    Add a button with a link: write its label and the address, for example:
    <code>Contest regulations https://example.org/contest</code>
    Up to 5 buttons, one message each. Or press “Next”.
an-buttons-now = Buttons:
an-btn-buttons-clear = 🗑 Remove the buttons
an-button-format = Write the button’s label and one link with a space between them, for example: Contest regulations https://example.org/contest
an-button-label = A button’s label is up to { $max } characters, one line, with no control characters.
an-button-insecure = The link must be a secure one, starting with https://
an-button-url = This does not look like a web address. Check the link: https://site.org/page — no spaces or stray characters.
an-button-many = There are { $max } buttons already — no more fit. Press “Next”.

# Audience and preview
an-no-reach = Your profile names no subjects, so the announcement would reach nobody: a methodist writes to teachers of their subjects. Add your subjects in /profile.
an-preview-below = 👇 This is how teachers will see the announcement:
an-preview =
    👆 This is how teachers will see the announcement. Recipients: <b>{ $count }</b>.
    Nothing arrives at night: some will get it in their local morning.
an-btn-send = 🚀 Send now ({ $count })
an-btn-schedule = 🕒 Schedule
an-sent = Sending, recipients: { $count }.

# Sending at a time
an-schedule-prompt = When should it go? Write the date and time { $zone }, for example: 25.12.2026 10:00
an-date-bad = I could not read the date. Write it like this: 25.12.2026 10:00
an-date-past = That time has passed — please give a future one.
an-scheduled = 🕒 Scheduled: I will send it at that time.
an-unscheduled = Sending cancelled — the announcement is a draft again.
an-not-scheduled = This announcement is no longer waiting to be sent.
an-not-sending = The sending has finished already.

# “My announcements” and the card
an-mine-title =
    🗂 <b>My announcements</b>
    Newest first. Tap one to see how its sending goes.
an-mine-empty = No announcements yet. Create one with “📰 New announcement”.
an-mark-draft = 📝
an-mark-scheduled = 🕒
an-mark-sending = 📣
an-mark-sent = ✅
an-mark-stopped = ⏹
an-status-draft = draft
an-status-scheduled = scheduled
an-status-sending = sending
an-status-sent = sent
an-status-stopped = stopped
an-card-title = 📰 <b>Announcement</b> · { $status }
an-card-links = 🔗 Link buttons: { $count }
an-card-scheduled = Sending: { $when } { $zone }
an-card-sent = Sent: { $when } { $zone }
an-card-delivery = Mailing: delivered { $sent }, not delivered { $failed }, queued { $pending } (of { $total })
an-card-stopped = The sending was stopped: teachers do not see this announcement in “News”.
an-btn-refresh = 🔄 Refresh
an-btn-resume = ✏️ Continue
an-btn-drop = 🗑 Delete the draft
an-btn-unschedule = ↩️ Don’t send
an-btn-copy = 👁 As teachers see it
an-btn-to-list = ⬅️ To the list

# “News” for teachers
nw-title =
    📰 <b>News</b>
    Announcements of the methodological service for you, newest first.
nw-empty = No news yet. When the methodological service announces something, I will send it — and it stays here.
nw-btn-open = 📰 News
nw-btn-events = 📅 Events
nw-btn-back = ⬅️ All news
nw-digest-title = <b>📰 News of the week</b>
nw-not-yours = This news item is not available to you.

# The schedule of jobs
job-announcements-send = Sending scheduled announcements
