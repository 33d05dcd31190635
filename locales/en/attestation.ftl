## Attestation: the menu

menu-attestation = 🏅 Attestation
menu-about-attestation = your qualification category, its term, the order and preparing for the attestation
menu-att_staff = 🗂 Categories and orders
menu-about-att_staff = confirming categories, loading attestation orders, who is due this year

## Categories

att-cat-conform = Fit for the position held
att-cat-first = First category
att-cat-highest = Highest category
att-cat-methodist = Teacher-methodologist
att-cat-mentor = Teacher-mentor

att-status-claimed = awaiting confirmation
att-status-confirmed = confirmed
att-status-rejected = not confirmed

## The teacher's screen

att-title = <b>🏅 Attestation</b>
att-current = Your category: <b>{ $category }</b>, awarded on { $awarded }.
att-expires = Valid until { $date } — { $days ->
        [one] { $days } day left
       *[other] { $days } days left
    }.
att-expired = It expired on { $date }.
att-no-current = No confirmed category yet.
att-pending = ⏳ The category «{ $category }» of { $awarded } awaits confirmation by the methodological service.
att-orderless = At registration you gave: { $category }. For it to count, give the order's date and number.
att-rejected = ❌ The category «{ $category }» of { $awarded } was not confirmed: { $reason }
att-hint = A category is awarded for five years. I will remind you six and three months before it ends and help you prepare.
att-btn-claim = ✏️ Give my category
att-btn-support = 🧭 Preparation steps into my route
att-btn-history = 📜 History
att-btn-home = 🏅 Attestation
att-btn-cancel = ✖️ Cancel
att-btn-skip = Skip
att-btn-route = 🧭 My route
att-btn-own-scan = 📎 Scan of the order of { $awarded }

## Giving a category

att-ask-category = What is your category?
att-ask-date = { $category }. Write the date of the order, e.g. 15.03.2024.
att-ask-order = Write the order's number, e.g. 1234-k.
att-ask-scan = Send a photo or a scan of the order — it makes confirming easier. You may skip this.
att-bad-date = I cannot read the date. Write it like this: 15.03.2024.
att-date-future = This date has not come yet. Check the order's date.
att-date-expired = A category of that date has expired already: it holds for five years. Give the order of your current category.
att-bad-order = An order's number is a short line of digits and letters, up to 64 characters, e.g. 1234-k.
att-bad-scan = Send a photo or a file of the order, or press «Skip».
att-claimed = ✅ Saved: { $category }, order No. { $order } of { $awarded }, valid until { $expires }. The methodological service will confirm it; I will let you know.
att-claim-already = This category is confirmed already: { $category }, order No. { $order } of { $awarded }, valid until { $expires }.
att-cancelled = All right, nothing changed.
att-stale = This button is from an earlier step. Here is where things are.
att-not-yours = This record is not yours.
att-no-scan = There is no scan of the order.

## History

att-history-title = <b>📜 My categories</b>
att-history-empty = No record with an order yet.
att-history-line = • { $category }: order No. { $order } of { $awarded }, until { $expires } — { $status }

## Reminder and preparation

att-remind = ⏰ Your category «{ $category }» ends on { $date } — in { $months ->
        [one] { $months } month
       *[other] { $months } months
    }. Time to prepare for the attestation. With one button I will add preparation steps to your route (IEP): a portfolio, a consultation, an open lesson and a course, and your methodologist will be told.
att-step-portfolio = Put together an attestation portfolio
att-step-consultation = A methodologist's consultation on preparing for the attestation
att-step-open_lesson = Give an open lesson
att-step-course = A professional development course before the attestation
att-support-done = 🧭 Added { $count ->
        [one] { $count } preparation step
       *[other] { $count } preparation steps
    } to your route. Your methodologist has been told.
att-support-note = Steps added to the route
att-support-already = The preparation steps are in your route already.
att-support-unconfirmed = Preparation can be added once the category is confirmed.
att-btn-open-route = Open the route

## Notices

att-notice-confirmed = ✅ The methodological service confirmed your category: { $category }.
att-notice-rejected = ❌ The category «{ $category }» was not confirmed: { $reason }
    Check the order's date and number and give the category again.
att-notice-support = 🧭 Teacher { $name } is preparing for the attestation (category «{ $category }» until { $date }): preparation steps were added to the route — a portfolio, a consultation, an open lesson, a course.

## The methodological service

att-staff-title = <b>🏅 Teachers' attestation</b>
    Confirm the categories teachers gave, load attestation orders or see who is due this school year.
att-btn-queue = 📥 Categories to confirm
att-btn-import = 📄 Load orders
att-btn-due = 📅 Who is due this year
att-btn-staff-home = ⬅️ To attestation
att-queue-title = <b>Categories to confirm:</b> { $count }
att-queue-empty = Every category has been checked.
att-btn-queue-back = ⬅️ To the list
att-card = <b>{ $name }</b>
    { $place }
    Category: { $category }
    Order No. { $order } of { $awarded }, valid until { $expires }
    Status: { $status }
att-card-reason = Reason: { $reason }
att-btn-confirm = ✅ Confirm
att-btn-reject = ❌ Reject
att-btn-scan = 📎 Scan of the order
att-confirmed = Category confirmed
att-rejected-done = Category rejected; the reason was sent to the teacher.
att-decided-before = This category has been decided already.
att-ask-reason = Why is the category of { $name } not confirmed? Write briefly — the teacher will get this text.
att-reason-short = Write the reason in a few words at least.
att-reason-long = Too long: up to 300 characters, on one line.
att-claim-gone = This record is gone.
att-not-your-municipality = This record belongs to another municipality.
att-not-own = One's own category is confirmed by a colleague.
att-scope-gone = That municipality or school is gone.

## Loading orders

att-import-prompt = Send a CSV or Excel (.xlsx) file of attestation orders. Columns: «ФИО», «Код школы» or «Школа», «Категория», «Дата приказа», «Номер приказа». First I will show whom I found, and write nothing until you press «Apply».
att-import-not-file = I am waiting for a CSV or Excel file of orders.
att-import-rejected = The file «{ $name }» did not fit.
att-import-again = Fix the file and send it again.
att-refused-wrong-type = I read CSV (.csv) and Excel (.xlsx) files.
att-refused-too-big = The file is { $size } KB; the limit is { $limit } KB.
att-refused-too-big-unpacked = The table inside the file is too big (over { $limit } MB).
att-refused-not-text = I cannot read the file as CSV text. Save it as «CSV UTF-8» or send an .xlsx.
att-refused-too-many-rows = The file has over { $limit } rows. Split it into parts.
att-refused-broken = The file is damaged or not a table. Save it again as .xlsx or «CSV UTF-8».
att-refused-too-slow = Checking the file took over { $seconds } seconds and was stopped.
att-refused-no-header = No header found: the columns «ФИО», «Школа» or «Код школы», «Категория», «Дата приказа», «Номер приказа» are needed.
att-refused-no-rows = No row fit — { $count ->
        [one] { $count } row with an error
       *[other] { $count } rows with errors
    }:
att-bad-line = Row { $line }: { $why }.
att-bad-row-name = no full name
att-bad-row-school = no school
att-bad-row-category = unknown category
att-bad-row-date = unreadable date
att-bad-row-order = no order number
att-preview-title = <b>File «{ $name }»</b>
att-preview-matched = Teachers found: { $count }. New records: { $new }, claims confirmed: { $confirm }, already there: { $same }.
att-preview-row = • row { $line }: { $name } — { $category }, { $date }
att-preview-unmatched = Not found: { $count }
att-preview-why = • row { $line }: { $name } — { $why }
att-why-school = no such school in the directory
att-why-teacher = no such teacher in that school
att-why-scope = a school of another municipality
att-why-future = the order's date has not come yet
att-preview-ambiguous = Ambiguous: { $count }
att-preview-many = • row { $line }: { $name } — { $count } match
att-preview-bad = Rows with errors: { $count }
att-preview-apply-hint = Press «Apply» to record the categories found as confirmed.
att-preview-nothing = Nothing to record: everything in the file is there already.
att-btn-apply = ✅ Apply
att-applied = ✅ Done. Added: { $added }, claims confirmed: { $confirmed }, already there: { $same }. Not found: { $unmatched }, ambiguous: { $ambiguous }, rows with errors: { $bad }.
att-import-cancelled = Loading cancelled, nothing written.
att-import-gone = This preview is out of date: send the file again.

## Who is due

att-due-title = <b>📅 Who is due</b> from { $first } to { $last }
att-due-scope = Territory: { $scope }
att-due-region = the whole region
att-due-total = Teachers: { $count }, preparing with a route: { $supported }
att-due-group = • { $name }: { $count } (preparing: { $supported })
att-due-person = { $mark } { $name } — { $category }, until { $date }
att-due-more = …and { $count } more in the file
att-due-more-groups = …and { $count } more in the file
att-due-nobody = Nobody's category ends this school year.
att-due-unknown = No school
att-btn-due-xlsx = 📊 Download XLSX
att-btn-up = ⬅️ Up
att-due-xlsx-caption = Who is due this school year: { $count }
att-due-xlsx-sent = File sent
att-x-sheet = Attestation
att-x-name = Full name
att-x-municipality = Municipality
att-x-school = School
att-x-category = Category
att-x-awarded = Awarded
att-x-expires = Valid until
att-x-supported = Preparation route
att-x-yes = yes
att-x-no = no
att-x-scope = Territory
att-x-year = School year
att-x-total = Teachers
att-x-supported-total = Preparing with a route

## Categories in registration and the profile (category-none, -first, -highest are in main.ftl)

category-conform = Fit for the position held
category-methodist = Teacher-methodologist
category-mentor = Teacher-mentor

job-attestation-reminders = Reminders before a category expires

## Attestation indicators in the report

rp-att-title = <b>Attestation</b> (no target)
rp-att-line = ▫️ { $name } — { $value }
rp-att-attested = Attested to the first or highest category
rp-att-due = Attestation due this school year
rp-att-supported = Preparing for the attestation with support
rp-att-how-attested = The share of teachers awarded the first or highest category within the period (confirmed by the methodological service or from the orders), among all teachers of the territory.
rp-att-how-due = The share of teachers whose confirmed category ends within the current school year (1 September – 31 August), among all teachers of the territory.
rp-att-how-supported = Of the teachers whose category ends this school year, the share who added attestation preparation steps to their route or asked a methodist about the attestation (from 12 months before the term's end to the period's end).
