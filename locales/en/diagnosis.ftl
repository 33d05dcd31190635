## Self-assessment: teacher

diag-list-title = <b>📊 Self-assessment of professional gaps</b>
    This isn't an exam but an honest look at your work: mark how well you master each skill. You see the results — and, if you allow it, so does your methodologist.
diag-list-item = <b>{ $title }</b> · ≈{ $minutes } min · { $count ->
        [one] { $count } question
       *[other] { $count } questions
    }
diag-list-last = Last time: { $date }
diag-list-due = Next self-assessment — after { $date }
diag-list-due-now = ⏰ It's time to take the self-assessment again — that way you'll see what has changed.
diag-list-empty = No questionnaires are available yet.
diag-btn-start = 📝 { $title }
diag-btn-resume = ▶️ Continue: { $title } ({ $answered } of { $count })
diag-btn-last-result = 📈 My result: { $title }
diag-btn-begin = ▶️ Start
diag-btn-continue = ▶️ Continue
diag-btn-skip = Skip — doesn't apply to me
diag-btn-later = ⏸ Continue later
diag-btn-plan = 🧭 Build my route
diag-btn-history = 📜 History
diag-btn-share-on = 👁 Show my methodologist
diag-btn-share-off = 🙈 Hide from methodologist
diag-btn-open-attempt = 📈 { $date }

diag-intro =
    <b>{ $title }</b>

    { $description }

    ≈{ $minutes } min, { $count ->
        [one] { $count } statement
       *[other] { $count } statements
    }. For each one, choose how well it describes you:
    { $scale }

    Your answers are saved straight away — you can stop and come back later.
diag-item = Statement { $number } of { $count } · <i>{ $area }</i>

    <b>{ $text }</b>
diag-item-optional = <i>If this isn't part of your work, tap “Skip”.</i>
diag-later = ⏸ All right, your answers are saved: { $answered } of { $count }. You can continue “{ $title }” at any time — from the same question.
diag-stale = That statement is already behind us — here is the current one.
diag-not-yours = This questionnaire or result isn't yours — it can't be opened.
diag-gone = This questionnaire is no longer available. Have a look in “📊 My self-assessment” for the current list.
diag-share-on = All right: your methodologist will see your results.
diag-share-off = All right: only you can see your results.

level-high = large gap
level-medium = moderate gap
level-low = small gap
level-none = no data

diag-results-title = <b>📊 Results: { $title }</b> ({ $date })
diag-results-weakest = <b>Where you need support most right now:</b>
diag-results-rest = <b>Other areas:</b>
diag-area-line = { $mark } { $area } — { $score }% · { $level }
diag-area-none = ⚪ { $area } — no answers
diag-results-changes = <b>What has changed since last time:</b>
diag-change-better = 📈 { $area }: the gap has narrowed — was “{ $before }”, now “{ $after }”
diag-change-worse = 📉 { $area }: the gap has widened — was “{ $before }”, now “{ $after }”
diag-change-same = ➖ { $area }: no change (“{ $after }”)
diag-change-new = 🆕 { $area }: “{ $after }”
diag-results-legend = <i>The percentage is the share of the maximum score for the area. Below { $high }% — large gap, below { $medium }% — moderate, { $medium }% and above — small.</i>
diag-results-next = It's best to take the next self-assessment after { $date } — that way you'll see how your gaps have changed.
diag-chart-caption = Your competence profile: the closer to the edge, the more confident you are.
chart-now = Now
chart-before = Before

diag-recs-title = <b>💡 What will help</b> — targeted recommendations for the areas with the largest gaps:
diag-recs-title-no-gaps = <b>🎉 No marked gaps.</b> Share your experience with colleagues — that is a step of your route too:
diag-recs-area = <b>{ $area }</b> ({ $level })
diag-recs-item = • <b>{ $form }:</b> { $title }{ $hours }
diag-recs-hours = { " " }({ $hours } h)
diag-recs-none = 🎉 You have no pronounced gaps. Share your experience with colleagues — that's a step on your route too.
form-course = Refresher courses
form-internship = Internship
form-consultation = Consultation
form-training = Training
form-community = Professional community
form-experience = Sharing experience

diag-history-title = <b>📜 History: { $title }</b>
diag-history-line = { $area }: { $marks } — { $level }
diag-history-empty = You haven't taken this questionnaire yet.

## Self-assessment: staff and methodologists

stats-pick-questionnaire = Which questionnaire's results should I show?
stats-pick-scope = For whom: the whole region or a municipality?
stats-pick-subject = Choose a subject:
stats-pick-school = Choose a school:
stats-region = whole region
stats-title = <b>📊 { $title }</b>
    { $scope }
stats-diagnosed = Took the self-assessment: { $diagnosed } of { $teachers } ({ $share }%)
stats-area = <b>{ $area }</b>: 🔴 { $high } · 🟡 { $medium } · 🟢 { $low }
stats-btn-xlsx = 📥 Export to Excel
stats-btn-subject = 🔎 By subject
stats-btn-school = 🏫 By school
stats-xlsx-sent = The file is ready: { $count ->
        [one] { $count } teacher
       *[other] { $count } teachers
    }.
stats-xlsx-caption = { $title }: results by teacher ({ $count })
xlsx-name = Full name
xlsx-municipality = Municipality
xlsx-school = School
xlsx-subjects = Subjects
xlsx-date = Date
xlsx-level = level
stats-out-of-scope = This data is outside your municipality.

upload-regional-only = Questionnaires and the recommendation catalogue are uploaded and switched on by the regional centre or an administrator. If something in a questionnaire needs fixing, write to them — you can simply forward the file.
upload-too-big = ❌ The file wasn't accepted: it is { $size } KB, and the limit is { $limit } KB. Nothing has changed.
upload-not-utf8 = ❌ I couldn't read the file: please save it in UTF-8 encoding and upload it again.
upload-aliases = ❌ The file wasn't accepted: line { $line } has a YAML anchor or alias (the &amp; and * signs). Please write the text out in full wherever it is needed. Nothing has changed.
upload-too-many-keys = ❌ The file wasn't accepted: the block starting on line { $line } has more than { $limit } fields — a questionnaire never has that many. Please check the file.
upload-too-deep = ❌ The file wasn't accepted: it is nested too deeply. Please check the indentation and brackets.
upload-too-many = ❌ The file wasn't accepted: { $what ->
        [items] questions
        [areas] areas
        [scale] answer options
        [recommendations] recommendations
        [questions] questions
        [options] answer options
       *[other] entries
    } — { $count }, and the limit is { $limit }. Nothing has changed.
upload-too-many-in = ❌ The file wasn't accepted: { $where } — { $what ->
        [items] questions
        [areas] areas
        [scale] answer options
        [recommendations] recommendations
        [questions] questions
        [options] answer options
       *[other] entries
    }: { $count }, and the limit is { $limit }. Nothing has changed.
upload-too-slow = ❌ Checking the file took more than { $seconds } s, so it wasn't accepted; nothing has changed. Please simplify the file or split the questionnaire into parts.
upload-check-failed = ❌ I couldn't check the file, so it wasn't accepted; nothing has changed. Please try again; if it fails again, write to an administrator.
upload-invalid = ❌ The file wasn't accepted, nothing has changed. Errors:
    { $errors }
upload-more-errors = …and { $count } more.
upload-same-version = ❌ This version already exists, but with different text. Increase the version number (version) and upload it again.
upload-older-version = ❌ A newer version is already in effect. Increase the version number (version) and upload it again.
upload-already-active = This version is already in effect — nothing has changed.
upload-preview-questionnaire = ✅ File checked: questionnaire “{ $title }”, version { $version } — { $areas ->
        [one] { $areas } area
       *[other] { $areas } areas
    }, { $items ->
        [one] { $items } question
       *[other] { $items } questions
    }.
    Switch it on? Earlier results stay linked to their own version.
upload-preview-catalogue = ✅ File checked: recommendation catalogue, version { $version } — { $areas ->
        [one] { $areas } area
       *[other] { $areas } areas
    }, { $recs ->
        [one] { $recs } recommendation
       *[other] { $recs } recommendations
    }.
    Switch it on?
upload-btn-activate = ✅ Switch on
upload-activated = Done: version { $version } is in effect.
upload-dropped = All right, I'm not changing anything.
upload-gone = This upload can no longer be found — please upload the file again.

methodist-teachers = <b>🧑‍🏫 My teachers</b> — { $count }. These are the teachers who have allowed you to see their self-assessment results.
methodist-teachers-empty = None of the teachers have shared their self-assessment results with you yet. A teacher can do this themselves — with the button under their results.
methodist-not-shared = This teacher hasn't shared their results with you.
methodist-teacher-title = <b>{ $name }</b>
