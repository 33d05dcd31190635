## General

btn-menu = 🏠 Menu
btn-back = ⬅️ Back
btn-cancel = ✖️ Cancel
btn-prev = ◀️ Previous
btn-next = Next ▶️
btn-register = 📝 Sign up
page-of = { $page } of { $pages }

role-teacher = teacher
role-mentor = mentor
role-methodist = methodologist
role-staff = methodological service staff
role-admin = administrator
role-expert = expert

error-generic = 😔 Something went wrong and the action did not go through. We already know about the error. Please try again a little later — or go back to the menu.
flood-note = I can't keep up with you 🙂 I skipped your last taps: wait a second and try again.
refused-role = Only staff with the right role can do this. If you need that role, ask an administrator for an invitation.
stale-button = This button no longer works — here is the current screen.
unknown-command = I don't know that command. All commands are in the “/” menu to the left of the text box, and the most useful things are on the buttons below.
unexpected-text = I can't answer messages written in your own words yet. Please choose what you need with the buttons.
screen-unchanged = Nothing has changed here.
callback-working = One moment, getting it ready…
slow-down-note = Telegram asked me to slow down for a moment, so this reply comes late. Everything you did is saved — carry on from the menu.
unexpected-content = Thank you! But I only understand buttons and text. Please choose what you need in the menu.

## Welcome and consent

welcome =
    👋 Hello! I'm <b>Methodologist</b>, an assistant of the regional system of methodological support for teachers.

    With me you can do a self-assessment of your professional gaps, build an individual learning route, find a mentor, and never miss a seminar, course or competition.

consent-text =
    <b>Consent to the processing of personal data</b>

    <b>Who processes it:</b> the regional centre for teachers' professional development (ЦНППМ) and the municipal methodological services.
    <b>Why:</b> to find the right methodological support for you — self-assessment, learning route, mentor, events — and to count the support system's indicators.
    <b>What is stored:</b> your full name, municipality and school, position, subjects, years of teaching, year of birth, qualification category and your Telegram ID. No phone number or documents are needed.
    <b>How to withdraw:</b> at any time — “Profile” → “Delete my data”. Everything about you will be deleted.

    Do you agree to the processing of this data?

consent-yes = ✅ I give my consent
consent-no = I don't give my consent
consent-thanks = Thank you! Let's get to know each other — it will take a couple of minutes.
consent-already = You're already signed up — all is well.
consent-changed-mind = ✅ Give my consent after all
consent-declined =
    All right, I haven't saved anything about you.

    Without signing up, I can tell you how the methodological support system works and what I can do — tap “Help”. I can't suggest a self-assessment, a route or a mentor without a profile.

    If you change your mind, tap the button below or send /start.

## Registration

reg-intro = 📝 Let's begin. You can go back a step with the “Back” button or stop at any time with /cancel.
reg-resume = Let's carry on from where we stopped 👇
reg-done = 🎉 Done, you're signed up! Here is your profile — you can change it at any time in “Profile”.
reg-use-buttons = Please choose an option with a button below 👇
reg-use-text = Please type your answer as text 👇

ask-name = What is your name? Please write your last name, first name and patronymic (if you have one).
    For example: <i>Maria Petrovna Ivanova</i>
ask-muni = Which municipality do you work in? Choose from the list or type part of its name.
ask-muni-nothing = I couldn't find a municipality for “{ $query }”. Try writing it differently or choose from the list.
ask-school = Choose your school ({ $municipality }). You can type part of its name or its number — for example, <i>15</i> or <i>gymnasium</i>.
ask-school-found = Found for “{ $query }” ({ $municipality }): { $count ->
        [one] { $count } school
       *[other] { $count } schools
    }.
ask-school-nothing = Nothing found for “{ $query }” in the list ({ $municipality }). Try writing it differently, look at the whole list or tap “My school isn't listed”.
ask-note = Please write the full name of your school or organisation — I'll pass it on to the methodologists, and they will add it to the directory.
ask-position = What is your position?
ask-subjects = Which subjects do you teach? Tick all that apply and tap “Done”.
ask-experience = How many full years have you been teaching? Type a number or choose a button.
ask-year = What year were you born? For example: <i>1994</i>
ask-category = What is your qualification category?

btn-not-in-list = 🔎 My school isn't listed
btn-show-all = 📋 Show the whole list
btn-subjects-done = ✅ Done ({ $count })
btn-subjects-none = I don't teach subjects
experience-quick = { $years ->
        [0] less than a year
        [one] { $years } year
       *[other] { $years } years
    }

reg-error-name-empty = It looks like the message is empty.
reg-error-name-too-long = That's too long — please keep it to { $max } characters.
reg-error-name-one-word = Please write both your last name and your first name.
reg-error-name-chars = A name can only contain letters, spaces, hyphens and apostrophes.
reg-error-not-a-number = Please write a single number, in digits.
reg-error-experience-range = Years of teaching must be a number from 0 to { $max }.
reg-error-year-range = Year of birth is four digits, from { $low } to { $high }.
reg-error-year-vs-experience = { $experience } years of teaching don't fit with a birth year of { $year } — please check one of them.
reg-error-note-empty = Please write the name of your school.
reg-error-note-too-long = That's too long — please keep it to { $max } characters.
reg-error-gone = This option is no longer in the list — please choose again.
reg-error-no-subjects = Tick at least one subject or tap “I don't teach subjects”.

position-teacher = Teacher
position-primary_teacher = Primary school teacher
position-additional_ed = Extracurricular education teacher
position-psychologist = School psychologist
position-speech_therapist = Speech therapist, special needs teacher
position-social_pedagogue = Social pedagogue
position-tutor = Tutor
position-counselor = Deputy head's adviser on student welfare
position-librarian = School librarian
position-methodist = Methodologist
position-deputy = Deputy head
position-director = Head teacher
position-other = Other position

subject-primary = Primary school
subject-russian = Russian language
subject-literature = Literature
subject-native = Native language and literature
subject-foreign = Foreign language
subject-math = Mathematics
subject-informatics = Computer science
subject-physics = Physics
subject-chemistry = Chemistry
subject-biology = Biology
subject-geography = Geography
subject-history = History
subject-social = Social Studies
subject-music = Music
subject-art = Art
subject-technology = Technology
subject-pe = Physical education
subject-obzr = Safety and Defence Basics (ОБЗР)
subject-other = Other subject
subjects-none = no subjects

category-none = No category
category-first = First
category-highest = Highest

## Menu

menu-unregistered = To use self-assessment, your learning route and events, you need to sign up — it only takes a couple of minutes.
menu-title = Hello, { $name }! What shall we do?
    <i>Your roles: { $roles }</i>
menu-diagnostics = 📊 My self-assessment
menu-route = 🧭 My learning route
menu-mentoring = 🤝 Mentoring
menu-events = 📅 Events
menu-my_surveys = 📝 My surveys
menu-mentees = 👥 My mentees
menu-teachers = 🧑‍🏫 My teachers
menu-broadcasts = 📣 Announcements and news
menu-diag_stats = 🎯 Professional gaps
menu-methodists = 🗂 Assigning methodologists
menu-pairs = 🔗 Pairs and matching
menu-surveys = 📋 Monitoring campaigns
menu-reports = 📈 Reports and indicators
menu-roles = 🔑 Roles and invitations
menu-directory = 🏫 School directory
menu-schedule = ⏰ Scheduled jobs
menu-profile = 👤 Profile
menu-help = ❓ Help
menu-language = 🌐 Language / Язык

menu-group-heading =
    <b>{ $label }</b>
    <i>{ $about }</i>
menu-group-growth = 📚 My development
menu-group-growth-about = Everything for your own professional growth as a teacher.
menu-group-community = 🤝 Colleagues and methodologists
menu-group-community-about = Your mentor, questions to a methodologist, methodological associations and the practice bank.
menu-group-support = 🛟 Support
menu-group-support-about = Your teachers, their questions and consultations, experts, confirmations, attestation.
menu-group-service = 🏛 Methodological service
menu-group-service-about = Work with teachers: events and announcements, self-assessment, methodologists, mentors, surveys and reports.
menu-group-admin = ⚙️ Administration
menu-group-admin-about = Access and settings: roles, the school directory, scheduled jobs.

# One line per menu entry: help is built from them, so it always matches the menu.
menu-about-diagnostics = take a self-assessment of professional gaps and see the results for each area, recommendations and history.
menu-about-route = your route built on the self-assessment: steps, deadlines, marks of what is done and a document for your school.
menu-about-mentoring = the mentor and the meeting log for a young specialist; an experienced teacher can apply to become a mentor.
menu-about-events = seminars, webinars and contests for you: sign-up, reminders and a calendar file; “📰 News” there holds announcements without an event.
menu-about-my_surveys = surveys you were invited to: stop any time and continue later.
menu-about-mentees = the young specialists you accompany and the meeting log: logging a meeting takes five taps.
menu-about-teachers = the teachers assigned to you and their routes: approve one or send it back with comments; self-assessment results of those who shared them.
menu-about-broadcasts = events and announcements for teachers: create one, choose who gets it, preview the message and watch it being sent.
menu-about-diag_stats = self-assessment results for the region, a municipality, a school or a subject, with an Excel export; the regional centre can send a new questionnaire version as a .yaml file.
menu-about-methodists = who accompanies whom: assign a teacher to a methodologist, or everyone automatically.
menu-about-pairs = pairs of mentors and young specialists: match, confirm, replace; applications to mentor and the report.
menu-about-surveys = a survey from a template for the teachers you choose, once or every month; results and answers in Excel.
menu-about-reports = the target indicators for a territory over a period: a summary, charts and an Excel table for reporting.
menu-about-roles = invite people to roles with a link, take a role away, the role change log.
menu-about-directory = the municipalities and schools people pick when signing up, and the schools teachers ask to add; an admin loads their own directory as a CSV or Excel file.
menu-about-schedule = what I send on my own on a schedule (reminders, digests, survey waves) and when it runs next.
menu-about-profile = your details and editing them, language, what I keep about you, deleting your data.
menu-about-help = this help.


## Help

help-intro =
    <b>What I can do</b>
    I help teachers in the region grow professionally: do a self-assessment, build an individual learning route, find a mentor and hear about events. Everything works with buttons — there's nothing to memorise.
help-register = To use self-assessment, your learning route and events, sign up: the “📝 Sign up” button in the menu.
help-menu = <b>In the menu</b>
help-group-names = Inside: { $names }.
help-line = { $label } — { $about }
help-commands =
    <b>Commands</b>
    /menu — main menu
    /profile — your profile
    /mydata — what I keep about you (you can delete it too)
    /language — language
    /cancel — stop what you're doing
    /help — this help

cmd-start = Start
cmd-menu = Main menu
cmd-profile = My profile
cmd-mydata = My data: see or delete it
cmd-help = Help
cmd-language = Language
cmd-cancel = Cancel the current action

cancel-nothing = There's nothing to cancel right now.
cancel-edit = All right, I'm not changing anything.
cancel-registration = Sign-up stopped. When you're ready, tap “Sign up”.
cancel-done = Cancelled.

## Language

lang-choose = Choose your language / Выберите язык
lang-changed = Done, we speak English now.
lang-already = The language is already English.
lang-ru = Русский
lang-en = English

## Profile

profile-title = <b>👤 Your profile</b>
profile-empty = —
profile-name = Full name: { $value }
profile-municipality = Municipality: { $value }
profile-school = School: { $value }
profile-school-requested = { $name } <i>(waiting to be added to the directory)</i>
profile-position = Position: { $value }
profile-subjects = Subjects: { $value }
profile-experience = Teaching experience: { $years ->
        [0] less than a year
        [one] { $years } year
       *[other] { $years } years
    }
profile-experience-empty = Teaching experience: —
profile-birth-year = Year of birth: { $value }
profile-category = Category: { $value }
profile-young-yes = 🌱 You are an early-career teacher (young specialist): under 35 with no more than 3 years of teaching. You are entitled to support from a mentor.
profile-young-no = Early-career teacher status: no.
profile-saved = ✅ Saved.
profile-edit-name = ✏️ Name
profile-edit-place = ✏️ School
profile-edit-position = ✏️ Position
profile-edit-subjects = ✏️ Subjects
profile-edit-experience = ✏️ Experience
profile-edit-birth_year = ✏️ Year of birth
profile-edit-category = ✏️ Category
profile-delete = 🗑 Delete my data
profile-delete-confirm = Delete your profile and everything I know about you? This can't be undone — and your consent to data processing will be withdrawn.
profile-delete-yes = Yes, delete everything
profile-delete-no = No, keep it
profile-deleted = Done: your data has been deleted and your consent withdrawn. If you'd like to come back, send /start.

## Roles and invitations

roles-home = <b>🔑 Roles and invitations</b>
    Invite someone with a link — they get the role as soon as they open it.
roles-new-invite = ➕ New invitation
roles-invites = 📨 Active invitations
roles-people = 👥 People with roles
roles-audit = 📜 Change log
invite-pick-role = Which role does the invitation give?
invite-pick-scope-staff = For which service — the regional centre or a municipal one?
invite-pick-scope-methodist = Which teachers will the methodologist support: the whole region or one municipality?
invite-scope-region = 🌐 Whole region
invite-pick-uses = Invitation for the role “{ $role }”. How many people can use it?
invite-uses-option = { $count ->
        [one] { $count } person
       *[other] { $count } people
    }
invite-pick-days = How many days is the link valid?
invite-days-option = { $count ->
        [one] { $count } day
       *[other] { $count } days
    }
invite-created =
    ✅ The invitation is ready: role “{ $role }”.
    Forward the link to those who need the role:
    { $link }

    It works for { $uses ->
        [one] { $uses } person
       *[other] { $uses } people
    } and is valid until { $until }.
invite-scope-line = Service: { $name }
invites-title = <b>📨 Active invitations</b>
invites-empty = There are no active invitations.
invites-line = { $number }. “{ $role }” — used { $used } of { $uses }, until { $until }
    { $link }
invites-revoke = ✖️ Revoke No. { $number }
invite-revoke-done = The invitation has been revoked.
invite-already-gone = This invitation is no longer valid.
invite-granted = 🔑 The invitation has given you the role “{ $role }”. You'll find the new sections in the menu.
invite-already = You already have the role “{ $role }” — all is well.
invite-unknown = This invitation link wasn't found. Check that you copied all of it, or ask for a new one.
invite-revoked = This invitation has been revoked. Ask the person who sent it for a new one.
invite-expired = This invitation has expired. Ask the person who sent it for a new one.
invite-exhausted = Everyone this invitation was meant for has already used it. Ask for a new one.
people-title = <b>👥 People with roles</b> — { $count }. Tap a person to view or remove a role.
people-empty = No one has any roles yet except “teacher”. Create an invitation.
person-title = <b>{ $name }</b>
person-no-name = (no name)
person-roles = Roles: { $roles }
person-revoke = ✖️ Remove “{ $role }”
person-revoked = The role “{ $role }” has been removed.
person-gone = This person is no longer in the list.
role-revoked-notice = Your role “{ $role }” has been removed. If this is a mistake, please contact the methodological service.
roles-out-of-scope = This is outside your municipality: such roles and invites are managed by the regional centre or an administrator.
person-handover-rerouted = Routes that were waiting for review went to other methodologists:
person-handover-line = • { $teacher } → { $methodist }
person-handover-stranded = { $count ->
        [one] A route is waiting for review with nobody to take it
       *[other] Routes are waiting for review with nobody to take them
    }: { $names }. Put them with a methodologist under “🗂 Assigning methodologists”.
person-handover-released = Left without a methodologist: { $names }. You can put them with another methodologist under “🗂 Assigning methodologists”; otherwise one is chosen when the teacher sends their route.
person-handover-more = and { $count } more
notice-route-handed-over = 📥 You have been given the learning route of { $name }: it is waiting for your review.
notice-new-methodist = Another methodologist now looks after your route: { $name }.
audit-title = <b>📜 Role change log</b> (last 20)
audit-empty = The log is empty so far.
audit-grant = { $at } — { $target }: role “{ $role }” given ({ $source })
audit-revoke = { $at } — { $target }: role “{ $role }” removed (by { $actor })
audit-deleted = (data deleted)
audit-source-invite = by invitation
audit-source-registration = at sign-up
audit-source-manual = manually
audit-source-application = on a mentor application
audit-source-other = another way

## Directory

directory-status =
    <b>🏫 Directory</b>
    Municipalities: { $municipalities }, schools: { $schools }.
    “My school isn't listed” requests: { $requests }.
directory-sample-loaded =
    ℹ️ The school directory was empty, so I loaded a demo one: { $municipalities ->
        [one] { $municipalities } municipality
       *[other] { $municipalities } municipalities
    } and { $schools ->
        [one] { $schools } school
       *[other] { $schools } schools
    } of Kostroma Oblast. Teachers can already sign up.

    To replace it with your own, open “🏫 School directory” → “📥 Load the directory” and send a CSV or Excel file.

## Command line

cli-description = Methodologist — a bot for methodological support of teachers.
cli-help-run = run the bot (default)
cli-help-migrate = apply database migrations
cli-help-import = load municipalities and schools from CSV or YAML
cli-help-replace = remove from the directory whatever is not in the file (unless it is used in profiles)
cli-invalid-missing = not set
cli-invalid-token = doesn't look like a bot token — it looks like 123456789:ABC-DEF…
cli-invalid-admin_ids = numeric Telegram IDs separated by commas expected
cli-invalid-locale = ru and en are supported
cli-invalid-timezone = unknown time zone — e.g. Europe/Moscow
cli-invalid-log_level = use DEBUG, INFO, WARNING or ERROR
cli-invalid-database_url = expected an address like sqlite+aiosqlite:///data/metodist.db or postgresql+asyncpg://user@host/db
cli-config-error = Configuration error — { $problems }. Check the environment variables or the .env file (see README). You get the token from @BotFather.
cli-token-refused = Telegram did not accept the bot token ({ $reason }). Check BOT_TOKEN — you get it from @BotFather.
cli-migrated = The database is up to date.
cli-no-file = File not found: { $path }
cli-import-report = Directory loaded. Municipalities: { $m_added } added, { $m_updated } updated. Schools: { $s_added } added, { $s_updated } updated. Unchanged: { $unchanged }.
cli-import-removed = Removed because they are not in the file: { $schools } schools, { $municipalities } municipalities. Kept because they are used in profiles: { $kept }.
cli-import-replace-skipped = The file has errors, so nothing was removed (--replace skipped).
cli-import-errors = Rows with errors ({ $count }) were skipped:
