# Part 11: contests with results, contests held elsewhere, target groups, confirmations.

menu-confirmations = ✅ Confirmations
menu-about-confirmations = contests teachers took part in outside the bot and the groups of children they work with: confirm or reject.

ct-result-winner = winner
ct-result-prize = prize-winner
ct-result-laureate = laureate
ct-result-participant = participant
ct-status-pending = waiting for confirmation
ct-status-confirmed = confirmed
ct-status-rejected = rejected
ct-level-school = School
ct-level-municipal = Municipal
ct-level-regional = Regional
ct-level-federal = National

ct-stages-title = <b>Contest stages:</b>
ct-stages-none = No stages added yet.
ct-your-result = 🏆 Your result: <b>{ $result }</b>
ct-btn-materials = 📎 Application materials
ct-btn-consult = 💬 Consultation before the contest
ct-btn-book = 📅 Book a methodist's consultation
ct-btn-experience = 🎤 Present my experience: a route step
ct-btn-practice = 📚 Offer a practice to the bank
ct-btn-mine = 🏆 My contests
ct-btn-done = ✅ Done
ct-btn-abort = ✖️ Cancel
ct-btn-record = ➕ A contest outside the bot
ct-btn-write = ✉️ Write to the teacher

ct-materials-title = 📎 Application materials for «{ $title }»
ct-materials-none = Nothing attached yet.
ct-materials-hint = Send a file or a link (say, to a video of a lesson) and I will add it to the application. When everything is attached, tap «Done».
ct-material-file = file
ct-material-photo = photo
ct-material-not-link = Send a file or one link starting with https://
ct-material-full = The application already has 10 materials: no more fit.
ct-not-registered = Register for the contest first.
ct-not-contest = This is not a contest.
ct-gone = This record is gone.
ct-stale = This button is out of date. Open the section again.
ct-not-yours = This record is not on your list.
ct-need-text = Please type the answer.
ct-need-buttons = Please choose an answer with a button above.

ct-consult-sent = I passed on your request for a consultation: { $name }. They will contact you in Telegram.
ct-consult-already = The request for a consultation has been sent already.
ct-consult-nobody = You have no methodist or mentor yet. Book a methodist's consultation with «📅 Book a methodist's consultation».
ct-consult-to-methodist = 💬 <b>{ $name }</b> is preparing for the contest «{ $title }» and asks for a methodist's consultation.
ct-consult-to-mentor = 💬 Your mentee <b>{ $name }</b> is preparing for the contest «{ $title }» and asks for a consultation.
ct-no-result = The contest's results for you are not in yet.
ct-exp-added = The step «Presenting experience» is added to your route.
ct-exp-already = This step is in your route already.
ct-result-told = 🏆 Results of «{ $title }»: you are a <b>{ $result }</b>. Congratulations!
    Share your experience with colleagues: add the step «Presenting experience» to your route and offer your practice to the practice bank — experts will review it.

ct-mine-title = <b>🏆 My contests</b>
ct-mine-empty = No contest results yet. If you took part in a contest outside the bot, record it with the diploma: the methodist will confirm it.
ct-mine-records = <b>Contests outside the bot:</b>
ct-record-title = What is the contest called? Type its name in one line.
ct-record-title-empty = Please type the contest's name.
ct-record-title-long = The name is too long: keep it within 200 characters.
ct-record-level = What level was the contest?
ct-record-day = When was it held (or the results announced)? Type a date, e.g. 15.11.2026.
ct-record-day-bad = I could not read the date. Type it like this: 15.11.2026.
ct-record-day-future = That date is in the future or too long ago. Type the day the contest was held.
ct-record-result = What was your result?
ct-record-diploma = Send the diploma or certificate: a file or a photo.
ct-record-diploma-bad = I need a file or a photo of the diploma.
ct-record-saved = Recorded. The methodist will check the diploma and confirm your participation.
ct-record-confirmed = ✅ The methodist confirmed your participation in «{ $title }».
ct-record-rejected = The methodist did not confirm your participation in «{ $title }». If this is a mistake, record the contest again with a clear photo of the diploma.

ct-btn-staff = 🏆 Contest stages and results
ct-staff-title = <b>🏆 Contest «{ $title }»</b>
ct-staff-people = Participants: { $count }, with results: { $results }.
ct-btn-stage = ➕ Stage
ct-btn-people = 👥 Participants and results
ct-btn-file = 📄 Participants' file (Excel)
ct-btn-import = 📥 Load results from a file
ct-stage-pick = Which stage to add?
ct-stage-applications = Applications
ct-stage-distance = Correspondence round
ct-stage-final = Final round
ct-stage-results = Results
ct-stage-dates = Stage «{ $title }»: type a date or dates, e.g. 10.12.2026 or 10.12.2026 – 20.12.2026.
ct-stage-format = I could not read the dates. Type them like this: 10.12.2026 – 20.12.2026.
ct-stage-order = The stage ends before it starts. Check the dates.
ct-stage-full = The contest has 12 stages already.
ct-people-title = <b>👥 Participants of «{ $title }»: { $count }</b>
ct-people-none = Nobody has registered yet.
ct-people-hint = Tap a participant to set the result. They are told at once.
ct-pick = Result for <b>{ $name }</b>:
ct-result-saved = Result saved.
ct-col-code = Code
ct-col-name = Name
ct-col-school = School
ct-col-result = Result
ct-col-materials = Materials
ct-file-caption = The contest's participants. Fill in the «Result» column (winner, prize-winner, laureate, participant), keep the code, and send the file back.
ct-import-prompt = Send the results file (CSV or Excel). Columns: «Code» (from the participants' file) or «Name» and «School», and «Result». I will show what matched first and save only then.
ct-import-need-file = Send a CSV or Excel (.xlsx) file.
ct-import-header = The file's first row needs headers: «Code» or «Name», and «Result».
ct-import-refused-kind = I read only CSV and Excel (.xlsx).
ct-import-refused-too-big = The file is over 2 MB: too much for results.
ct-import-refused-not-text = The file does not look like a CSV table.
ct-import-refused-broken = The file does not open. Save it again as CSV or .xlsx.
ct-import-refused-too-many-rows = The file has too many rows.
ct-import-refused-too-slow = The file takes too long to read. Save it again as CSV.
ct-preview-title = <b>What the file holds</b>: matched { $matched }, not matched { $unmatched }.
ct-unmatched-unknown = not among the participants
ct-unmatched-ambiguous = several participants with this name: add the school or the code
ct-unmatched-result = result not understood
ct-unmatched-twice = this participant is above already
ct-btn-apply = ✅ Save the results ({ $count })
ct-applied = Saved. Changed: { $changed }, unchanged: { $same }. Participants will be told their results.

cf-title = <b>✅ Confirmations</b>
cf-empty = Nothing waits for confirmation now.
cf-records = Contests outside the bot: { $count }. Open one to see the diploma.
cf-groups = Groups of children teachers work with: { $count }
cf-record = Teacher: <b>{ $name }</b>
    Contest: { $title }
    Level: { $level }
    Date: { $day }
    Result: { $result }
    Status: { $status }
    The diploma follows in the next message.
cf-btn-yes = ✅ Confirm
cf-btn-no = ✖️ Reject
cf-btn-open = ✅ Open confirmations
cf-to-review = 🏆 <b>{ $name }</b> recorded taking part in «{ $title }» and waits for your confirmation.
ct-review-confirmed = Confirmed.
ct-review-rejected = Rejected.
ct-review-already = This has been decided already.

tg-btn-profile = 🎯 Whom I work with
tg-title = <b>🎯 Which groups of children do you work with?</b>
tg-hint = Mark them and the methodological service will confirm. Then you will not be missed when events for these groups are announced.
tg-shnor-school = Your school is flagged in the directory as a school with low results (ШНОР): this group counts for you automatically.
tg-group-shnor = School with low results (ШНОР)
tg-group-gifted = Gifted children
tg-group-ovz = Children with disabilities (ОВЗ)
tg-group-migrant = Migrant children
tg-confirmed = ✅ The methodological service confirmed that you work with «{ $group }».
tg-rejected = The methodological service did not confirm «{ $group }». If this is a mistake, mark it in your profile again.
tg-aud-groups = groups: { $names }
tg-aud-btn-groups = 🎯 Groups of children
es-opt-groups = Teachers who work with… None chosen: everyone.
tg-rp-title = <b>Involved in methodological support, per target group</b> (target { $target }% in each):
tg-rp-row = Involved: { $group }
tg-rp-how = The share of teachers involved in methodological support among those who work with this group of children (confirmed by the methodological service; ШНОР also by the school's flag in the directory).
cf-diploma-gone = The diploma file does not open. Ask the teacher to record the contest again.
