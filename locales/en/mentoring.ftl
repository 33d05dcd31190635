## Mentoring

mn-status-proposed = proposed
mn-status-active = active
mn-status-paused = paused
mn-status-completed = completed
mn-status-cancelled = cancelled

mn-format-observation = Lesson observation
mn-format-planning = Joint lesson planning
mn-format-consultation = Consultation
mn-format-analysis = Lesson analysis
mn-format-other = Other

mn-reason-subject = same subject
mn-reason-school = same school
mn-reason-municipality = same municipality
mn-reason-wish_subject = the subject asked for
mn-reason-wish_school = own school, as asked

mn-card-name = <b>{ $name }</b>
mn-card-place = { $school }, { $municipality }
mn-card-subjects = Subjects: { $subjects }
mn-card-about = About: { $about }
mn-card-formats = Likes to work through: { $formats }
mn-period = Mentoring period: { $start } — { $end }
mn-paused = ⏸ Mentoring is paused for now.

## Young specialist

mn-my-title = <b>🤝 My mentor</b>
mn-my-contact = Tap the name to write to your mentor in Telegram — or arrange a meeting at school. Your mentor logs the meetings; you confirm them with one tap.
mn-none =
    <b>🤝 Mentoring</b>

    Every young specialist is entitled to a mentor — an experienced colleague who helps with lessons, paperwork and difficult situations.

    Ask for a mentor: the methodological service will find one by subject and school.
mn-requested =
    <b>🤝 Mentoring</b>

    Your request is in — the methodological service is finding you a mentor. I'll let you know as soon as there is one.
mn-proposed =
    <b>🤝 Mentoring</b>

    A mentor has been found for you — waiting for the methodological service to confirm. I'll write as soon as the pair is approved.
mn-only-young = Mentors are found for young specialists — under 35 and in their first 3 years of work.
mn-btn-ask = 🙋 Ask for a mentor
mn-btn-change-request = ✏️ Change my wishes
mn-ask-prompt = Any wishes? Tick what matters to you — or send the request right away.
mn-wish-subject = A mentor in “{ $subject }”
mn-wish-school = From my school
mn-btn-send-request = 📨 Send the request
mn-request-saved = Request sent!

## Becoming a mentor

mn-not-young =
    <b>🤝 Mentoring</b>

    Would you like to help young colleagues? Become a mentor: apply, and the methodological service will review it.
mn-already-mentor = You are a mentor. Your mentees and the meeting log are under “👥 My mentees”.
mn-applied = ✅ Your application to become a mentor has been sent. I'll let you know when it is reviewed.
mn-applied-already = You have already applied, or you are a mentor already.
mn-btn-apply = 🙋 Become a mentor
mn-capacity-prompt = How many young colleagues are you ready to mentor at once?
mn-about-prompt = Write a few words about yourself: experience, strengths, how you can help. Or press “Skip”.
mn-about-long = That's too long — please keep it under { $max } characters.
mn-notice-approved = 🎉 Your application was approved: you are now a mentor! Mentees will appear under “👥 My mentees”.
mn-notice-declined = Your application to become a mentor was declined for now. If you have questions, contact the methodological service.

## Mentor

mn-mentees-title = <b>👥 My mentees</b> — { $load } of { $capacity }
mn-mentees-none = Nobody yet. I'll write when the methodological service assigns a young colleague to you.
mn-btn-profile = ⚙️ My mentor card
mn-profile-title = <b>⚙️ Mentor card</b>
mn-profile-capacity = Mentees I take: up to { $capacity }
mn-profile-no-about = About: <i>not filled in</i>
mn-profile-formats-hint = How do you like to work? Tick them — your mentees will see it.
mn-btn-capacity = 👥 How many mentees
mn-btn-about = ✏️ About me
mn-pair-title = <b>👤 Young specialist</b>
mn-pair-meetings = Meetings logged: { $count }
mn-pair-last = Last meeting: { $date }
mn-btn-log = 📝 Log a meeting
mn-btn-journal = 📜 Meeting log
mn-intro-mentor = 🤝 <b>A young specialist is now in your care!</b> Get to know each other and arrange the first meeting.
mn-intro-mentee = 🤝 <b>You have a mentor!</b> Get to know each other and arrange the first meeting.

## Meeting log

mn-log-format = 📝 <b>New meeting</b> (today)

    What was the format?
mn-log-topic = What was the topic? Keep it short, e.g. “Discipline in a 7th-grade lesson”.
mn-log-topic-recent = What was the topic? Pick a recent one or write a new one.
mn-topic-short = That's too short — write the topic in a few words.
mn-topic-long = That's too long — please keep it under 200 characters.
mn-log-duration = How long was the meeting?
mn-minutes = { $minutes } min
mn-log-check = Is everything right?
mn-log-date = When was the meeting?
mn-today = Today
mn-yesterday = Yesterday
mn-btn-save = ✅ Save
mn-btn-date = 📅 Another date
mn-btn-note = ✍️ Note or photo
mn-note-prompt = Write a note or send a photo (a lesson plan, for example).
mn-note-wrong = Text or a photo, please.
mn-meeting-date = Date: { $date }
mn-meeting-format = Format: { $format }
mn-meeting-topic = Topic: { $topic }
mn-meeting-minutes = Duration: { $minutes } min
mn-meeting-note = Note: { $note }
mn-meeting-photo = 📷 Photo attached
mn-saved = ✅ Meeting logged. I'll ask the young specialist to confirm it.
mn-saved-already = This meeting is already logged — I won't add it twice.
mn-form-gone = This form is closed. Open the pair and log the meeting again if needed.
mn-journal-title = <b>📜 Meeting log</b> · { $name }
mn-journal-empty = No meetings yet.
mn-journal-line = { $mark } { $date } — { $format }: { $topic } ({ $minutes } min)
mn-journal-legend = ✅ confirmed · ⏳ awaiting confirmation · ❌ not confirmed
mn-meeting-state-waiting = ⏳ Waiting for the young specialist to confirm
mn-meeting-state-confirmed = ✅ Meeting confirmed
mn-meeting-state-disputed = ❌ Meeting not confirmed: the young specialist says it did not take place
mn-meeting-rating = Rating: { $rating } of 5
mn-meeting-comment = Feedback: { $comment }
mn-btn-edit-topic = ✏️ Change the topic
mn-btn-delete = 🗑 Delete the entry
mn-btn-delete-yes = Yes, delete
mn-delete-confirm = Delete the meeting “{ $topic }”?
mn-deleted = Entry deleted.
mn-edited = Changed.
mn-not-yours = This is not your pair or meeting.

## Confirming and rating a meeting

mn-confirm-request = 📝 Mentor { $name }: a meeting with you was logged. Is it right?
mn-btn-confirm = ✅ Yes, we met
mn-btn-dispute = ❌ There was no such meeting
mn-rate-prompt = Thank you! How useful was the meeting? From ★ to ★★★★★.
mn-comment-prompt = Anything to add? Write a few words — or press “No comment”.
mn-btn-no-comment = No comment
mn-thanks = Thank you! Your rating is saved.
mn-disputed = Got it: I'll mark the meeting as not confirmed and tell your mentor.
mn-already-answered = You have already answered about this meeting.
mn-notice-disputed = ❌ The meeting of { $date } is not confirmed: { $name } says it did not take place. Please check the entry in the log.

## Does the mentor suit you

mn-fit-question = 🤝 The first meeting is behind you. Does your mentor { $name } suit you?
mn-fit-yes = 👍 Yes
mn-fit-unsure = 🤔 Not sure yet
mn-fit-no = 👎 No
mn-fit-thanks-yes = Great! Good luck working together.
mn-fit-thanks-unsure = That's fine. If something is wrong, write to the methodological service.
mn-fit-thanks-no = Thank you for being honest. I've told the methodological service — they will find you another mentor.

## Reminders and alerts

mt-notice-nudge = 📝 No meetings with { $mentee } have been logged for { $days } days. If you met, log it — it takes a couple of taps.
mt-notice-risk = ⚠️ A pair at risk: mentor { $mentor } and { $mentee } — no meetings for { $days } days.
mt-notice-unpaired = 🙋 { $name } is a young specialist still without a mentor after { $days } days. Find a pair under “🔗 Pairs and matching”.
mts-notice-application = 🙋 { $name } would like to become a mentor. Please review the application.
mts-notice-fit-no = 👎 { $mentee } says that mentor { $mentor } does not suit them. Please find another one.

## Adaptation monitoring

adapt-intro = 🌱 How are you doing? Once a month I ask young specialists how their first years are going. Four short questions; the methodological service sees the answers only in the overall summary.
adapt-title = <b>Adaptation · question { $number } of { $count }</b>
adapt-multi-hint = You can pick several, then press “Done”.
adapt-done = Done
adapt-q-difficulty = What is hardest for you right now?
adapt-difficulty-discipline = Discipline in lessons
adapt-difficulty-planning = Preparing lessons
adapt-difficulty-paperwork = Paperwork and reports
adapt-difficulty-parents = Talking to parents
adapt-difficulty-colleagues = Relations with colleagues
adapt-difficulty-none = Nothing in particular
adapt-q-support = How much support do you feel from your mentor and colleagues? 1 — none, 5 — a lot.
adapt-support-1 = 1
adapt-support-2 = 2
adapt-support-3 = 3
adapt-support-4 = 4
adapt-support-5 = 5
adapt-q-workload = How would you rate your workload?
adapt-workload-normal = Normal
adapt-workload-high = High, but I cope
adapt-workload-excessive = Too much
adapt-q-stay = Would you like to stay in the profession?
adapt-stay-yes = Yes
adapt-stay-unsure = Not sure yet
adapt-stay-no = No
adapt-pick-one = Please pick at least one option.
adapt-thanks = Thank you! If things are hard, don't face it alone: write to your mentor or the methodological service.
adapt-finished = You have already answered this month — thank you!

## Methodological service: pairs

mts-pairs-title = <b>🔗 Pairs and matching</b>
mts-coverage = Young specialists with a mentor: { $covered } of { $youngs } ({ $share }%)
mts-pairs-active = Active pairs: { $count }
mts-pairs-risk = At risk (no meetings for 30 days): { $count }
mts-pairs-proposed = Proposed pairs awaiting confirmation: { $count }
mts-btn-match = 🔎 Find pairs
mts-scope-prompt = Find pairs for whom?
mts-scope-region = 🌍 The whole region
mts-btn-proposals = 💡 Proposed pairs ({ $count })
mts-btn-risk = ⚠️ Pairs at risk ({ $count })
mts-btn-applications = 🙋 Mentor applications ({ $count })
mts-btn-report = 📊 Report
mts-btn-xlsx = 📥 Export to Excel
mts-btn-open-pair = Open the pair
mts-proposals-title = <b>💡 Proposed pairs</b> ({ $count })
mts-unmatched = Left without a pair: { $count } — their municipality has no mentor with room.
mts-proposal-line = • { $mentee } ← { $mentor } ({ $reasons })
mts-btn-confirm-all = ✅ Confirm all ({ $count })
mts-proposal-title = <b>💡 Proposed pair</b>
mts-proposal-young = <b>Young specialist</b>
mts-proposal-mentor = <b>Mentor</b> (mentees: { $load } of { $capacity })
mts-proposal-why = Why: { $reasons }
mts-btn-confirm = ✅ Confirm
mts-btn-other = 🔁 Another mentor
mts-btn-reject = ✖️ Reject
mts-others-title = <b>Who else could take them</b>
mts-other-line = • { $name } — { $reasons }; mentees { $load } of { $capacity }
mts-others-none = There are no other mentors with room in this municipality.
mts-confirmed = Pair confirmed: the mentor and the young specialist have each other's contacts.
mts-confirmed-all = { $count ->
    [one] ✅ { $count } pair confirmed. Mentors and young specialists have each other's contacts.
   *[other] ✅ { $count } pairs confirmed. Mentors and young specialists have each other's contacts.
}
mts-cannot-confirm = That didn't work: the mentor has no room left, or the young specialist already has a pair.
mts-pair-decided = This pair has already been decided.
mts-pair-gone = This pair or application doesn't exist — or it is outside your municipality.
mts-risk-title = <b>⚠️ Pairs at risk</b>
mts-risk-line = • { $mentor } — { $mentee } (meetings: { $meetings })
mts-pair-title = <b>Pair</b> · { $mark } { $status }
mts-pair-people = Mentor: { $mentor }
    Young specialist: { $mentee }
mts-pair-fit = “Does the mentor suit you”: { $answer }
mts-btn-pause = ⏸ Pause
mts-btn-resume = ▶️ Resume
mts-btn-complete = 🏁 Complete the mentoring
mts-btn-rematch = 🔁 Find another mentor
mts-apps-title = <b>🙋 Mentor applications</b> ({ $count })
mts-app-line = • { $name } — ready to take { $capacity }; { $about }
mts-btn-approve = ✅ { $name }
mts-btn-decline = ✖️ Decline
mts-app-done = Done; the person has been told.

mts-report-title = <b>📊 Mentoring: summary</b>
mts-report-per-month = Meetings per pair per month: { $value }
mts-report-rating = Average meeting rating: { $value }
mts-report-mentors = <b>Mentors' load</b> ({ $count }):
mts-report-mentor = • { $name } — { $load } of { $capacity }
mts-report-adaptation = <b>Adaptation, last 3 months</b>: { $answered } answers
mts-report-support = Support (1–5): { $value }
mts-report-overloaded = Workload high or too much: { $count }
mts-report-may-leave = Unsure about staying in the profession: { $count }
mts-xlsx-caption = 📥 Mentoring: summary, pairs, mentors and the meeting log.
mts-sheet-summary = Summary
mts-sheet-pairs = Pairs
mts-sheet-mentors = Mentors
mts-col-youngs = Young specialists
mts-col-covered = With a mentor
mts-col-coverage = Coverage, %
mts-col-pairs = Active pairs
mts-col-risk = At risk
mts-col-per-month = Meetings per pair per month
mts-col-rating = Average rating
mts-col-adaptation = Adaptation answers (3 months)
mts-col-support = Support (1–5)
mts-col-overloaded = Overloaded
mts-col-may-leave = Unsure about staying
mts-col-mentee = Young specialist
mts-col-mentor = Mentor
mts-col-status = Status
mts-col-since = Since
mts-col-meetings = Meetings
mts-col-fit = Does the mentor suit
mts-col-load = Mentees
mts-col-capacity = Ready to take
mts-yes = yes
mts-sheet-meetings = Meetings
mts-col-municipality = Municipality
mts-col-mentee-school = Young specialist's school
mts-col-mentor-school = Mentor's school
mts-col-school = School
mts-col-about = About
mts-col-date = Date
mts-col-format = Format
mts-col-topic = Topic
mts-col-minutes = Minutes
mts-col-confirmed = Confirmation
mts-col-meeting-rating = Rating
mts-col-comment = Young specialist's feedback
mts-col-note = Mentor's note
mts-meeting-waiting = awaiting an answer
mts-meeting-confirmed = confirmed
mts-meeting-disputed = not confirmed
