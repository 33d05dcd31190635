## Surveys: for teachers

sv-invite =
    📝 <b>Survey: { $title }</b>

    { $description }

    ⏱ About { $minutes } min. You can answer until { $deadline }.
    You can stop at any moment — your answers are saved and you will continue where you left off.
sv-remind =
    🔔 <b>A reminder about the survey “{ $title }”</b>

    It takes about { $minutes } min., and you can answer until { $deadline }. Your opinion matters a lot to us!
sv-anonymous-note = 🔒 This survey is anonymous: answers are stored without your name, only the totals are seen.
sv-minutes = about { $minutes } min.
sv-btn-start = ▶️ Start / continue
sv-q-head = 📝 { $title } · question { $n } of { $total }
sv-q-scale-hint = <i>{ $min } — { $min_label }, { $max } — { $max_label }</i>
sv-q-multi-hint = <i>Tick everything that applies and press “Next”.</i>
sv-q-number-hint = <i>Type a number in reply (from { $min } to { $max }).</i>
sv-q-text-hint = <i>Type your answer in your own words in reply (up to { $max } characters).</i>
sv-q-given = Your answer: { $answer }
sv-btn-next = Next ➡️
sv-btn-skip = Skip
sv-btn-back = ⬅️ Back
sv-btn-later = ⏸ I'll finish later
sv-btn-send = ✅ Send my answers
sv-btn-to-missing = ➡️ To the skipped question
sv-review = You have gone through all the questions of “{ $title }”. Send your answers?
sv-missing =
    { $count ->
        [one] { $count } required question is still unanswered.
       *[other] { $count } required questions are still unanswered.
    }
sv-thanks = 🙏 Thank you, your answers are saved!
sv-saved = 🙏 Your answers are saved.
sv-thanks-anonymous = They are kept without your name and will join the totals together with your colleagues' answers.
sv-later = All right, your answers are saved. You can continue any time: “📝 My surveys” in the menu or the button in the survey message.
sv-my-title =
    <b>📝 Surveys for you</b>
    { $count ->
        [one] { $count } survey is waiting for your answers.
       *[other] { $count } surveys are waiting for your answers.
    }
sv-my-none = <b>📝 Surveys</b>
    There are no surveys for you right now. When a new one comes, I will send you a message.
sv-my-answered =
    { $count ->
        [one] You have answered { $count } survey — thank you!
       *[other] You have answered { $count } surveys — thank you!
    }
sv-stale = That question is behind you — here is where you stopped.
sv-required = This question needs an answer.
sv-multi-empty = Tick at least one option.
sv-need-text = Please type your answer as an ordinary text message.
sv-gone = This survey was not found. Open “📝 My surveys” in the menu.
sv-done-already = You have already answered this survey — thank you!
sv-closed = This survey is closed: the time for answers is over. Thank you!
sv-bad-choice = There is no such option — choose a button under the question.
sv-bad-number = A number from { $min } to { $max } is needed, for example: 12.
sv-bad-empty = The answer is empty — write at least a few words.
sv-bad-long = Too long: { $got } characters, up to { $max } allowed. Please shorten it.
sv-bad-press = This question is answered with the buttons under it.

## Surveys: for staff

ss-list-title = <b>📋 Monitoring campaigns</b>
    Adaptation of young teachers, teachers' needs, satisfaction with support, well-being — launch them from ready templates; results and Excel are here too.
ss-list-empty = No surveys yet. Press “➕ New survey”.
ss-template-errors =
    ⚠️ { $count ->
        [one] { $count } template file could not be read
       *[other] { $count } template files could not be read
    } — the others work. Details are under “➕ New survey”.
ss-btn-new = ➕ New survey
ss-btn-to-list = ⬅️ To surveys
ss-btn-to-card = ⬅️ To the survey
ss-templates-title = <b>Choose a survey template</b>
ss-questions =
    { $count ->
        [one] { $count } question
       *[other] { $count } questions
    }
ss-template-gone = This template is no longer available — choose another one.
ss-btn-next = Next ➡️
ss-when-title = <b>⏰ When shall the survey go out?</b>
    Everyone gets the message in the daytime of their own time zone.
ss-btn-now = 🚀 Now, once
ss-btn-date = 📅 Once, on another day…
ss-btn-monthly = 🔁 Every month, on the 1st at 10:00
ss-date-prompt = Type the date and time to send, for example: <code>15.12 10:00</code>
ss-days-title = <b>How many days shall answers be accepted?</b>
ss-days-title-monthly = <b>How many days each month shall answers be accepted?</b>
ss-days =
    { $count ->
        [one] { $count } day
       *[other] { $count } days
    }
ss-when-once = ⏰ Once: { $start }, answers accepted for { $days } days.
ss-when-monthly = 🔁 Every month on day { $day } at { $time } local time; answers accepted for { $days } days.
ss-confirm-title = <b>Check the survey “{ $title }”</b>
ss-confirm-count = 👥 Recipients: <b>{ $count }</b>
ss-confirm-first = First wave: { $start }
ss-confirm-reminders = 🔔 Those who have not answered get at most two reminders: halfway and a day before the end.
ss-anonymous-yes = 🔒 Anonymous: answers are stored without names and reach the results in batches; a wave's results show once at least five have answered.
ss-anonymous-no = 🔓 With names: the export shows who answered what.
ss-btn-launch = 🚀 Launch
ss-btn-anonymous = Anonymous survey
ss-btn-audience = 👥 Recipients
ss-btn-when = ⏰ When
ss-btn-drop = 🗑 Delete the draft
ss-nobody = Nobody matches these conditions — widen the audience.
ss-launched = The survey is launched. The invitations go out when its first wave begins — see the card for the time.
ss-dropped = The draft is deleted.
ss-not-found = This survey was not found or is not available to you.
ss-launched-already = This survey is already launched and cannot be changed. Open its card in the list.
ss-still-draft = The survey has not been launched yet.
ss-status-draft = ✏️ Draft
ss-status-active = 🟢 Running
ss-status-finished = ✅ Finished
ss-status-stopped = ⏹ Stopped
ss-next-wave = Next wave: { $start }
ss-waves-title = <b>Waves</b> (answered / received):
ss-wave-line = { $period }: { $answered } of { $invited }, until { $closes }
ss-period-once = one-off
ss-no-waves-yet = The first wave opens within minutes.
ss-btn-results = 📊 Results
ss-btn-xlsx = 📥 Answers in Excel
ss-btn-stop = ⏹ Stop
ss-stop-confirm = Stop the survey “{ $title }”? No new waves will come and the current one closes now. Answers already given are kept.
ss-btn-stop-yes = ⏹ Yes, stop it
ss-btn-stop-no = No, let it run
ss-stopped = The survey is stopped.
ss-stopped-already = The survey is no longer running.
ss-res-title = <b>📊 Results: { $title }</b>
ss-res-empty = No answers yet.
ss-res-hidden = This survey is anonymous: results are shown once there are at least { $min } answers, so that nobody can be recognised by their answers.
ss-res-no-answers = no answers
ss-res-answered = answered: { $count }
ss-res-numbers = mean { $mean }, median { $median }, from { $low } to { $high }
ss-xlsx-caption = 📥 Answers: { $title } ({ $count })
ss-xlsx-withheld =
    { $count ->
        [one] { $count } answer is
       *[other] { $count } answers are
    } left out: they come from waves with fewer than { $min } answers, so nobody can be recognised.
ss-res-waiting =
    🔒 { $count ->
        [one] { $count } more answer is
       *[other] { $count } more answers are
    } waiting: anonymous answers reach the results shuffled, in batches of at least { $batch }, and the rest when the wave closes.
ss-type-scale = scale
ss-type-single = single choice
ss-type-multi = multiple choice
ss-type-number = number
ss-type-text = free answer
ss-x-summary = Summary
ss-x-answers = Answers
ss-x-waves = Waves
ss-x-question = Question
ss-x-option = Option
ss-x-count = Answers
ss-x-share = Share
ss-x-in-file = Answers in this file
ss-x-value = Value
ss-x-mean = Mean
ss-x-median = Median
ss-x-wave = Wave
ss-x-name = Full name
ss-x-municipality = Municipality
ss-x-school = School
ss-x-date = Answered on
ss-x-deleted = (data deleted)
ss-x-opens = Opened
ss-x-closes = Closed
ss-x-invited = Received
ss-x-answered = Answered

## The schedule of jobs

jobs-title = <b>⏰ Scheduled jobs</b>
    Times are given in { $zone }.
jobs-next = next run: { $at }
jobs-last = last run: { $at }, done: { $done }
jobs-last-done = last sending: { $at }
jobs-waves-title = <b>Upcoming survey waves</b>
jobs-waves-none = No survey waves are planned.
jobs-queued =
    📬 Queued to send: { $count } { $count ->
        [one] message
       *[other] messages
    } (at night messages wait for the recipient's morning).
jobs-btn-refresh = 🔄 Refresh
job-cleanup-invites = Clean-up of stale invitations and the job log
job-route-reminders = Route step reminders
job-mentoring-sweep = Mentoring: quiet pairs and young teachers without a mentor
job-adaptation-checks = Monthly adaptation check
job-events-publish = Publishing scheduled events
job-events-reminders = Event reminders and feedback
job-events-digest = Weekly events digest
job-survey-waves = Survey waves
job-survey-reminders = Survey reminders
job-survey-release = Anonymous answers into results
