# Part 9, who is a teacher: only those who give lessons are counted and targeted as teachers.

# Registration (and “🔁 My work” in the profile): the first question.
ask-work =
    What is your work?

    If you teach, I'll ask about your school, subjects, experience and category; otherwise only your name and municipality.
work-teacher = 👩‍🏫 Teacher
work-service = 🏛 Methodological service staff
work-school_admin = 🏫 School administration
work-other = 💼 Other work in education

# For anyone but a teacher: those who also give lessons are teachers too.
ask-lessons =
    You chose: { $work }. Do you also give lessons or classes to children?

    Whoever gives lessons is a teacher: the self-assessment, the learning route and mentoring open for you, and reports count you among teachers.
lessons-yes = ✅ Yes, I do
lessons-no = No, I don't

# The profile.
profile-work-teacher = My work: teacher
profile-work-other = My work: I don't give lessons — reports and mailings for teachers leave me out.
profile-kept = Teacher details kept from when you gave lessons (reports leave them out):
profile-edit-work = 🔁 My work
profile-edit-municipality = ✏️ Municipality
work-same = Nothing has changed.
work-now-teacher = ✅ Done: you are now among the teachers — the self-assessment, the learning route and mentoring are open to you.
work-now-other = ✅ Done: you are no longer among the teachers — reports and mailings “to all teachers” leave you out. I neither show nor count your teacher details; if you start teaching again, tap “🔁 My work”.

# A teacher's section opened by someone who gives no lessons.
teachers-only =
    This section is for those who give lessons: the self-assessment, the learning route and a mentor are for teachers.

    Your profile says you don't give lessons. If that's not so, tap “🔁 My work”.
