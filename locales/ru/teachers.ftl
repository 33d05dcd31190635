# Part 9, who is a teacher: only those who give lessons are counted and targeted as teachers.

# Registration (and «🔁 Кем работаю» in the profile): the first question.
ask-work =
    Кем вы работаете?

    Педагогу я задам вопросы о школе, предметах, стаже и категории, остальным — только об имени и муниципалитете.
work-teacher = 👩‍🏫 Педагог
work-service = 🏛 Сотрудник методической службы
work-school_admin = 🏫 Администрация школы
work-other = 💼 Другая работа в образовании

# For anyone but a teacher: those who also give lessons are teachers too.
ask-lessons =
    Вы выбрали: { $work }. Ведёте ли вы ещё и уроки или занятия с детьми?

    Кто ведёт уроки, тот и педагог: для вас откроются диагностика, маршрут (ИОМ) и наставничество, а в отчётах вы будете среди педагогов.
lessons-yes = ✅ Да, веду
lessons-no = Нет, не веду

# The profile.
profile-work-teacher = Кем работаю: педагог
profile-work-other = Кем работаю: уроков не веду — в отчётах и рассылках для педагогов вас нет.
profile-edit-work = 🔁 Кем работаю
profile-edit-municipality = ✏️ Муниципалитет
work-same = Всё осталось как было.
work-now-teacher = ✅ Готово: теперь вы среди педагогов — вам открыты диагностика, маршрут (ИОМ) и наставничество.
work-now-other = ✅ Готово: вы больше не среди педагогов — в отчётах и в рассылках «всем педагогам» вас нет. Сведения педагога я не показываю и не учитываю; если снова начнёте вести уроки, нажмите «🔁 Кем работаю».

# A teacher's section opened by someone who gives no lessons.
teachers-only =
    Этот раздел — для тех, кто ведёт уроки: диагностика, маршрут (ИОМ) и наставник нужны педагогам.

    В вашем профиле сказано, что вы уроков не ведёте. Если это не так, нажмите «🔁 Кем работаю».
