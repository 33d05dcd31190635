## The expert pool and the expert review of practices (part 10)

menu-expertise = 🧑‍⚖️ Reviewing practices
menu-experts = 👥 Expert pool
menu-about-expertise = colleagues' practices you are asked to score: the card, files, points per criterion and a comment.
menu-about-experts = the expert pool: invites, requests, load, pause; experts on contest juries.
job-expert-review = Practice review: assigning experts and reminders

xp-form-lesson = lesson
xp-form-extracurricular = extracurricular class
xp-form-project = project
xp-form-upbringing = upbringing event
xp-form-methodical = methodical development
xp-form-other = other

## refusals

xp-expert-gone = This expert is no longer in the pool.
xp-out-of-scope = That belongs to another municipality: you work with your own here.
xp-already = Done already.
xp-not-expert = This section is for experts. To score colleagues' practices, send /expert.
xp-not-yours = This practice is not assigned to you.
xp-review-closed = This review has been sent already or passed to another expert.
xp-stale = This button is out of date. Open the review again.
xp-comment-empty = Please write the comment as text.
xp-comment-long = The comment is too long: { $limit } characters at most. Please shorten it.
xp-not-complete = Score every criterion first, then send.
xp-comment-needed = Add a comment for the author: what is good and what to improve.
xp-contest-gone = This contest is not found or was cancelled.
xp-not-published = The certificate comes when the practice is published in the bank.

## the expert

xr-home-title = <b>🧑‍⚖️ Practice review</b>
xr-home-paused = ⏸ You are paused: no new practices come to you. You can finish those you have.
xr-home-stats = Waiting for your review: { $open }. Reviewed in all: { $done }.
xr-home-empty = No practices to review. I will write when there are.
xr-queue-item = { $title } — by { $due }
xr-card-title = <b>{ $title }</b>
xr-card-meta = Subjects: { $subjects }
    Grades: { $grades }
    Form: { $form }
xr-card-due = Review by { $due }.
xr-card-sheet = <b>Points: { $total } of { $max }</b>
xr-card-comment = <b>Your comment:</b> { $comment }
xr-card-no-comment = No comment yet. The author sees it without your name.
xr-btn-files = { $count ->
    [one] 📎 { $count } file
   *[other] 📎 { $count } files
}
xr-btn-comment = 💬 Comment
xr-btn-submit = ✅ Send the review
xr-btn-refuse = 🙅 I cannot review it
xr-btn-refuse-yes = Yes, pass it to another expert
xr-refuse-ask = Pass this practice to another expert? Your points for it will not be kept.
xr-crit-title = <b>{ $name }</b>: 0 to { $max } points
xr-comment-prompt = Write your comment for the author in one message: what works and what to improve. The author sees it without your name.
xr-need-text = The comment has to be text.
xr-btn-queue = 🧑‍⚖️ Back to the practices
xr-btn-open = 📄 Open the practice
xr-sent = ✅ Review sent. Thank you! The decision comes when every expert has sent theirs.
xr-sent-closed = ✅ Review sent. Thank you! All the reviews are in; the author has the decision.
xr-refused = The practice is passed to another expert.
xr-apply-offer = Experts score colleagues' practices for the bank of effective practices and sit on contest juries. Would you like to join the expert pool? The methodical service will look at your request.
xr-btn-apply = 🙋 I want to be an expert
xr-btn-become = 🧑‍⚖️ Become an expert
xr-apply-pending = Request sent. I will write when it is decided.
xr-apply-already = You are in the expert pool already.
xr-cert-caption = The certificate of your practice's review.

## staff

xp-home-title = <b>🧑‍⚖️ Expert pool</b>
xp-home-stats = Experts: { $total }. Practices waiting for experts: { $waiting }.
    In a row: under review now / reviewed.
xp-home-empty = No experts yet. Invite them with a link or approve requests.
xp-row = { $name } · { $load } / { $done }
xp-btn-requests = 🙋 Requests ({ $count })
xp-btn-invite = 🔗 Invite an expert
xp-btn-juries = 🧑‍⚖️ Juries
xp-requests-title = <b>Requests to become an expert</b>
xp-requests-empty = No new requests.
xp-btn-approve = ✅ { $name }
xp-btn-decline = ❌ Decline
xp-approved = The expert is in the pool.
xp-declined = Request declined.
xp-card-title = <b>{ $name }</b>
xp-card-status = Status: { $status }
xp-status-active = working
xp-status-paused = paused
xp-status-pending = waiting for approval
xp-status-removed = removed from the pool
xp-card-subjects = Subjects: { $subjects }
xp-card-place = Municipality: { $place }
xp-card-work = Under review now: { $load }. Reviewed: { $done }. Contest juries: { $juries }.
xp-btn-pause = ⏸ Pause
xp-btn-resume = ▶️ Resume
xp-btn-remove = 🗑 Remove from the pool
xp-btn-remove-yes = Yes, remove
xp-remove-ask = Remove { $name } from the expert pool? The practices under their review ({ $load }) will get other experts.
xp-invite-created = The link for experts is ready:
    { $link }

    It works for { $days } days, for { $uses } people. Whoever opens it joins the expert pool with their subjects.
xp-contests-title = <b>🧑‍⚖️ Contest juries</b>
xp-contests-empty = No published contests.
xp-contests-pick = Choose a contest to mark the experts on its jury.
xp-jury-title = <b>Jury: { $title }</b>
xp-jury-count = Experts on the jury: { $count }. Tap a name to add or remove.

## notices

xp-notice-request = 🙋 { $name } would like to become an expert.
xr-notice-approved = 🎉 You are in the expert pool. Practices to review will appear in «🧑‍⚖️ Reviewing practices».
xr-notice-declined = Your request to become an expert was not approved for now. Thank you for offering help!
xr-notice-active = ▶️ You take practices for review again.
xr-notice-paused = ⏸ The methodical service paused you: no new practices will come. You can finish those you have.
xr-notice-removed = The methodical service removed you from the expert pool. Thank you for your work!
xr-notice-assigned = 🧑‍⚖️ You are asked to review the practice «{ $title }» by { $due }.
xr-notice-overdue = ⏰ The review of «{ $title }» was due { $due }. If it is not done within { $days ->
    [one] { $days } day
   *[other] { $days } days
}, I will pass it to another expert.
xr-notice-taken = The practice «{ $title }» is passed to another expert: its review was overdue.
xp-notice-short = ⚠️ The practice «{ $title }» lacks experts: { $needed } needed, { $found } fit. Invite experts in its subjects, not from the author's school.
xr-decided-publish = 🎉 Your practice «{ $title }» passed the review and is published in the bank of effective practices.
xr-decided-return = The experts returned «{ $title }» for revision. Read their comments, revise it and send it again.
xr-decided-decline = The practice «{ $title }» did not pass the review. The experts' comments will help with your next work.
xr-decided-means = <b>The experts' mean points:</b>
xr-decided-comments = <b>The experts' comments:</b>
xr-btn-cert = 📄 Review certificate

## the certificate

xp-cert-title = Certificate of the expert review of a teaching practice
xp-cert-number = No. { $number }
xp-cert-practice = Practice
xp-cert-author = Author
xp-cert-school = School
xp-cert-municipality = Municipality
xp-cert-subjects = Subjects
xp-cert-form = Form
xp-cert-date = Date of the decision
xp-cert-decision = { $experts ->
    [one] Decision: the practice is recommended for the bank of effective practices by { $experts } expert.
   *[other] Decision: the practice is recommended for the bank of effective practices by { $experts } experts.
}
xp-cert-criterion = Criterion
xp-cert-mean = Mean points
xp-cert-total = Total
xp-cert-rule = Practices the experts score at least { $threshold } of { $max } points are recommended for publication. The review is independent: no expert is from the author's school.
xp-cert-iom = The publication counts as the route (ИОМ) step «Presenting one's own teaching experience».

## the indicators report

rp-sum-experts = Experts who worked in the period (practice reviews, contest juries): { $experts }
rp-count-experts = Experts at work (practice reviews, juries)
