## Staff's «💬 Consultations»: the service level of «Ask a methodologist», reassigning, the report.

menu-consult_staff = ⏱ Response times to questions
menu-about-consult_staff = teachers' questions to methodologists: overdue and unrouted ones, pass one to another methodologist, a report on response times and ratings.

job-consult-sla = Consultations: reminders to methodologists and overdue questions


cst-title = <b>⏱ Response times to questions</b>
cst-count-open = Open questions: { $count }
cst-count-overdue = Overdue (no first answer in time): { $count }
cst-count-unrouted = Without a methodologist: { $count }
cst-attention = <b>Need attention:</b>
cst-attention-none = No overdue questions and none without a methodologist.
cst-attention-line = • No. { $id }, { $topic }, { $place }, asked { $asked }: { $state }
cst-state-unrouted = nobody to answer, no methodologist
cst-state-overdue = { $methodist } has not answered yet
cst-btn-question = No. { $id } · { $topic }
cst-btn-pass = 🔁 Pass to another methodologist
cst-btn-report-month = 📊 Report for this month
cst-btn-report-year = 📊 Report for the school year
cst-btn-xlsx = 📥 Excel file
cst-nobody = none

cst-card-title = <b>Question No. { $id }</b>
cst-card-topic = Topic: { $topic }
cst-card-subject = Subject: { $subject }
cst-card-teacher = Teacher: { $name }
cst-card-place = Municipality: { $place }
cst-card-methodist = Methodologist: { $name }
cst-card-asked = Asked: { $at }
cst-card-due = First answer due: { $at }
cst-card-closed = Closed on { $at }.
cst-card-answered = First answered on { $at }.
cst-card-overdue = ⚠️ The deadline for the first answer has passed, no answer yet.
cst-card-waiting = Waiting for the first answer, still in time.

cst-pick-title = <b>Who should take question No. { $id }?</b> { $topic }, { $place }
cst-pick-hint = Methodologists working with this municipality; those with fewer open questions first.
cst-pick-none = No other methodologist works with this municipality. Invite one in «🔑 Roles and invites».
cst-btn-methodist = { $name } — { $count ->
        [one] { $count } open question
       *[other] { $count } open questions
    }
cst-moved = ✅ Question No. { $id } passed to { $name }. The methodologist got it with a new deadline; the teacher and the previous methodologist were told.

cst-not-found = This question was not found or is not yours to see.
cst-closed = This question is closed already: nothing to pass on.
cst-moved-meanwhile = While you were choosing, the question was passed to another methodologist. Open it again.
cst-not-a-choice = This methodologist cannot take the question: they do not work with this municipality or already hold it.

cst-notice-remind = ⏰ A reminder: question No. { $id } ({ $topic }) from { $teacher } is waiting for its first answer. Due: { $due }.
cst-notice-overdue = ⚠️ Question No. { $id } ({ $topic }, { $place }) is overdue: { $methodist } has not answered { $teacher } in time. You can pass it to another methodologist.
cst-notice-unrouted = ⚠️ Question No. { $id } ({ $topic }, { $place }) from { $teacher } has nobody to go to: no methodologist for this municipality and subject. Choose one.
cst-notice-passed-to-you = 📨 Question No. { $id } from { $teacher } was passed to you.
    Topic: { $topic }. Subject: { $subject }.
    First answer due by { $due }.
cst-notice-passed-on = Question No. { $id } ({ $topic }) from { $teacher } was passed to another methodologist. You need not answer it any more.
cst-notice-moved = Another methodologist will answer your question ({ $topic }) now. The answer comes here, in this chat.

cst-report-title = <b>📊 Consultations: response times and ratings</b>
cst-report-period-month = This month, since { $since }
cst-report-period-year = This school year, since { $since }
cst-report-asked = Questions asked: { $count }, open now: { $open }, with a first answer: { $answered }
cst-report-median = First answer, median: { $hours } hours
cst-report-p90 = First answer, 90th percentile: { $hours } hours
cst-report-within = Answered in time (2 working days): { $share }% ({ $within } of { $judged })
cst-report-rating = Average rating: { $mean } ({ $count } ratings)
cst-report-no-rating = No ratings yet.
cst-report-by-topic = <b>By topic</b> (asked, answered, median, in time):
cst-report-by-place = <b>By municipality</b>:
cst-report-group = • { $label }: { $asked }, { $answered }, { $median } hours, { $share }%
cst-report-group-unanswered = • { $label }: { $asked }, no answers yet
cst-report-no-answers = No first answers in this period yet.
cst-report-more = …and { $count } more municipalities in the Excel file.
cst-report-how = Time to the first answer is in calendar hours (nights and weekends count). In time: the first answer by 18:00 of the second working day after the day of the question, by the Russian working calendar; the share counts answered questions and those whose deadline has passed.
cst-place-unknown = municipality not given
cst-xlsx-caption = 📥 Consultations: response times and ratings

cst-x-sheet-summary = Summary
cst-x-sheet-topics = By topic
cst-x-sheet-places = By municipality
cst-x-sheet-questions = Questions
cst-x-sheet-how = How it is counted
cst-x-period = Period
cst-x-period-month = this month
cst-x-period-year = school year
cst-x-since = From
cst-x-until = To
cst-x-asked = Questions asked
cst-x-open = Open now
cst-x-answered = With a first answer
cst-x-median = First answer, median, hours
cst-x-p90 = First answer, 90th percentile, hours
cst-x-within = Answered in time
cst-x-judged = Counted in the share
cst-x-within-share = Share in time, %
cst-x-rated = Ratings
cst-x-mean = Average rating
cst-x-stars = Rating { $stars }
cst-x-col-topic = Topic
cst-x-col-place = Municipality
cst-x-col-asked = Asked
cst-x-col-answered = Answered
cst-x-col-within = In time
cst-x-col-judged = Counted in the share
cst-x-col-share = Share in time, %
cst-x-col-median = Median, hours
cst-x-col-id = No.
cst-x-col-when = Asked
cst-x-col-subject = Subject
cst-x-col-status = State
cst-x-col-first = First answer
cst-x-col-hours = Hours to the first answer
cst-x-col-due = Due by the working calendar
cst-x-col-in-time = In time
cst-x-col-rating = Rating
cst-x-status-open = open
cst-x-status-closed = closed
cst-x-yes = yes
cst-x-no = no
cst-x-how-1 = The report counts questions asked in the period (from the 1st of the month or from 1 September) in the municipality you answer for.
cst-x-how-2 = Time to the first answer runs from the question to the methodologist's first answer, in calendar hours: nights, weekends and holidays count.
cst-x-how-3 = The median is the middle of the answer times (for an even count, the mean of the two middle ones).
cst-x-how-4 = The 90th percentile is the shortest time that at least 90% of answered questions did not exceed (nearest rank).
cst-x-how-5 = The deadline is 18:00 of the second working day after the day of the question (that day not counted), by the Russian working calendar, in the municipality's time.
cst-x-how-6 = Share in time: answered by the deadline, divided by the answered questions plus the unanswered ones past their deadline. An unanswered question still within its deadline is not counted.
cst-x-how-7 = The average rating and the distribution use teachers' ratings 1 to 5 after closing; questions without a rating are left out.
