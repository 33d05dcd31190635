## /mydata: my data — see it and delete it

md-open = 📄 My data
md-caption = 📄 Here is everything I keep about you, machine-readable (JSON): your profile, self-assessments, learning route, event registrations, mentoring, answers to non-anonymous surveys. Any text editor opens the file.
md-caption-guest = 📄 I have no profile for you. All I keep is in this file: the language you chose and the step of a conversation you started. To sign up, send /start.
md-actions =
    That is all of your data. If you wish, I can delete it — and your consent to processing with it.

    Or just go back to the menu: nothing will change.
md-delete = 🗑 Delete my data
md-delete-confirm =
    <b>Delete your data?</b>

    I will delete your profile, self-assessment results, your learning route with its evidence, event registrations, mentoring pairs and the meeting log, and your messages waiting to be sent. Invitations you issued will stop working. Your consent to personal data processing will be withdrawn.

    Only answers to anonymous surveys and numbers in summary reports stay — they no longer identify you: answers to ordinary surveys become nameless and undated too.

    This cannot be undone.
md-delete-yes = 🗑 Yes, delete
md-delete-no = ↩️ No, keep it
md-deleted = Done: your data has been deleted and your consent withdrawn. Thank you for being with us! If you'd like to come back, send /start.
md-gone = I no longer have any of your data — there is nothing to show or delete. To start again, send /start.
md-nothing = I don't keep anything about you yet: you haven't signed up. To start, send /start.

## “📄 What I know about you”: what the file holds, in sections and words

mdr-title = 📄 <b>What I know about you</b>
mdr-intro = As of { $date }. Below, section by section; all of it, machine-readable, is in the file that follows.
mdr-more = …and { $count } more — in the file.

mdr-profile = 👤 <b>Profile</b>
mdr-language = Language: { $value }
mdr-registered = Signed up: { $date }
mdr-registered-not = Sign-up not finished yet.
mdr-share-yes = Self-assessment results shared with your methodologist: yes
mdr-share-no = Self-assessment results shared with your methodologist: no
mdr-digest-on = Weekly news digest: on
mdr-digest-off = Weekly news digest: off
mdr-school-request = Request to add the school “{ $text }” of { $date }: { $state }
mdr-request-open = waiting to be added to the directory
mdr-request-done = dealt with

mdr-roles = 🔑 <b>Roles</b>
mdr-role = · { $role } — since { $date }
mdr-role-scope = · { $role } ({ $municipality }) — since { $date }
mdr-roles-none = No roles.
mdr-methodist = Your methodologist: { $name }
mdr-role-changes = Role changes:
mdr-role-grant = · { $date }: role “{ $role }” granted ({ $source })
mdr-role-revoke = · { $date }: role “{ $role }” taken away

mdr-diagnosis = 📊 <b>Self-assessment</b>
mdr-diagnosis-none = You haven't taken a self-assessment yet.
mdr-attempt-done = “{ $title }” — finished { $date }, answers: { $answers }
mdr-attempt-open = “{ $title }” — started { $date }, not finished, answers: { $answers }
mdr-result = · { $area } — { $level }

mdr-route = 🧭 <b>Learning route</b>
mdr-route-none = No route yet.
mdr-route-head = Route for { $start } — { $end }: { $status }
mdr-route-goal = Goal: { $goal }
mdr-route-reviewer = Methodologist: { $name }
mdr-route-comment = Methodologist's comment: { $text }
mdr-step = · { $title } — { $form }, by { $date }, { $status }{ $evidence ->
        [0] {""}
       *[other] , evidence items: { $evidence }
    }

mdr-mentoring = 🤝 <b>Mentoring</b>
mdr-mentoring-none = You don't take part in mentoring yet.
mdr-pair-mentee = Your mentor: { $name } — the pair is { $status }
mdr-pair-mentor = Your mentee: { $name } — the pair is { $status }
mdr-pair-period = · mentoring period: { $start } — { $end }
mdr-pair-meetings = · meetings in the log: { $count }, the last on { $date }
mdr-mentor-profile = Mentor profile: up to { $capacity } mentees at a time
mdr-mentor-about = About you: { $text }
mdr-application = Application to mentor of { $date }: { $status }
mdr-app-pending = under review
mdr-app-approved = approved
mdr-app-declined = declined
mdr-asked-mentor = Asked for a mentor on { $date }
mdr-adaptation = Answers to adaptation check-ins: { $count }

mdr-events = 📅 <b>Events</b>
mdr-events-none = No event registrations.
mdr-event = · “{ $title }” ({ $kind }), { $date }: { $details }
mdr-reg-registered = you are registered
mdr-reg-waitlist = you are on the waiting list
mdr-reg-cancelled = registration cancelled
mdr-event-attended = marked as attended
mdr-event-missed = marked as not attended
mdr-event-rating = your rating — { $rating } of 5
mdr-event-feedback = feedback: “{ $text }”

mdr-surveys = 📝 <b>Surveys</b>
mdr-surveys-none = You have had no surveys.
mdr-survey = · “{ $title }”: { $status }
mdr-survey-invited = invited, no answer
mdr-survey-answering = started answering, draft saved
mdr-survey-done = answer sent { $date }
mdr-survey-answered = answer sent { $date }
mdr-survey-anonymous = (anonymous survey: the answers themselves are not linked to you)

mdr-consent = ✅ <b>Consent to personal data processing</b>
mdr-consent-given = Given { $date }, version { $version }. You can withdraw it and delete all your data with the “🗑 Delete my data” button below.

mdr-rest = 📎 <b>Also in the file</b>
mdr-other = Service records (reminders, messages in the mailing queue and the like): { $count }
mdr-mentions = Records that only mention you (an event you created, a route you reviewed, service notes about messages in your chat): { $count }. The file holds only their numbers.
mdr-dialogue = A conversation with me in progress: its step and what you had typed.
mdr-file = The file below holds all of it in JSON: open it with any text editor or pass it to another system.
