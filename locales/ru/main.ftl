## Общее

btn-menu = 🏠 В меню
btn-back = ⬅️ Назад
btn-cancel = ✖️ Отмена
btn-prev = ◀️ Раньше
btn-next = Дальше ▶️
btn-register = 📝 Зарегистрироваться
page-of = { $page } из { $pages }

role-teacher = педагог
role-mentor = наставник
role-methodist = методист
role-staff = сотрудник методической службы
role-admin = администратор

error-generic = 😔 Что-то пошло не так, и я не смог выполнить это действие. Мы уже знаем об ошибке. Попробуйте ещё раз чуть позже — или вернитесь в меню.
flood-note = Я не успеваю за вами 🙂 Подождите секунду — все нажатия уже у меня.
refused-role = Это действие доступно только сотрудникам с нужной ролью. Если она вам нужна, попросите приглашение у администратора.
stale-button = Эта кнопка уже не действует — вот актуальный экран.
unknown-command = Такой команды я не знаю. Все команды — в меню «/» слева от поля ввода, а самое нужное — на кнопках ниже.
unexpected-text = Я пока не умею отвечать на сообщения, написанные своими словами. Выберите, пожалуйста, нужное на кнопках.
unexpected-content = Спасибо! Но я понимаю только кнопки и текст. Выберите нужное в меню.

## Приветствие и согласие

welcome =
    👋 Здравствуйте! Я — <b>Методист</b>, помощник региональной системы научно-методического сопровождения педагогов.

    Со мной можно пройти самодиагностику профессиональных дефицитов, построить индивидуальный образовательный маршрут, найти наставника и не пропустить семинары, курсы и конкурсы.

consent-text =
    <b>Согласие на обработку персональных данных</b>

    <b>Кто обрабатывает:</b> региональный центр непрерывного повышения профессионального мастерства педагогических работников (ЦНППМ) и муниципальные методические службы.
    <b>Зачем:</b> чтобы подобрать вам методическую поддержку — диагностику, маршрут, наставника, мероприятия — и считать показатели системы сопровождения.
    <b>Что хранится:</b> ФИО, муниципалитет и школа, должность, предметы, стаж, год рождения, квалификационная категория и ваш ID в Telegram. Телефон и документы не нужны.
    <b>Как отозвать:</b> в любой момент — «Профиль» → «Удалить мои данные». Всё о вас будет удалено.

    Согласны на обработку этих данных?

consent-yes = ✅ Согласен(на)
consent-no = Не согласен(на)
consent-thanks = Спасибо! Давайте познакомимся — это займёт пару минут.
consent-already = Вы уже зарегистрированы — всё в порядке.
consent-changed-mind = ✅ Я передумал(а) — дать согласие
consent-declined =
    Хорошо, я ничего о вас не сохранил.

    Без регистрации я могу рассказать, как устроена система методического сопровождения и что я умею, — нажмите «Помощь». Подобрать диагностику, маршрут или наставника без профиля не получится.

    Если передумаете — нажмите кнопку ниже или отправьте /start.

## Регистрация

reg-intro = 📝 Начнём. К предыдущему шагу можно вернуться кнопкой «Назад», прервать — командой /cancel.
reg-resume = Продолжим с того места, где остановились 👇
reg-done = 🎉 Готово, вы зарегистрированы! Вот ваш профиль — изменить его можно в любой момент через «Профиль».
reg-use-buttons = Здесь нужно выбрать вариант кнопкой ниже 👇
reg-use-text = Здесь нужно написать ответ текстом 👇

ask-name = Как вас зовут? Напишите фамилию, имя и отчество (если есть).
    Например: <i>Иванова Мария Петровна</i>
ask-muni = В каком муниципалитете вы работаете? Выберите из списка или напишите часть названия.
ask-muni-nothing = Не нашёл муниципалитет по запросу «{ $query }». Попробуйте написать иначе или выберите из списка.
ask-school = Выберите вашу школу ({ $municipality }). Можно написать часть названия или номер — например, <i>15</i> или <i>гимназия</i>.
ask-school-found = Нашёл по запросу «{ $query }» ({ $municipality }): { $count ->
        [one] { $count } школа
        [few] { $count } школы
       *[many] { $count } школ
    }.
ask-school-nothing = По запросу «{ $query }» в списке ({ $municipality }) ничего нет. Напишите иначе, посмотрите весь список или нажмите «Моей школы нет в списке».
ask-note = Напишите полное название вашей школы или организации — я передам его методистам, и они добавят её в справочник.
ask-position = Ваша должность?
ask-subjects = Какие предметы вы ведёте? Отметьте все нужные и нажмите «Готово».
ask-experience = Сколько лет вы работаете педагогом? Напишите число полных лет или выберите кнопку.
ask-year = В каком году вы родились? Например: <i>1994</i>
ask-category = Ваша квалификационная категория?

btn-not-in-list = 🔎 Моей школы нет в списке
btn-show-all = 📋 Показать весь список
btn-subjects-done = ✅ Готово ({ $count })
btn-subjects-none = Не веду предметы
experience-quick = { $years ->
        [0] меньше года
        [one] { $years } год
        [few] { $years } года
       *[many] { $years } лет
    }

reg-error-name-empty = Кажется, сообщение пустое.
reg-error-name-too-long = Получилось слишком длинно — уложитесь, пожалуйста, в { $max } { $max ->
        [one] символ
        [few] символа
       *[many] символов
    }.
reg-error-name-one-word = Напишите, пожалуйста, и фамилию, и имя.
reg-error-name-chars = В ФИО могут быть только буквы, пробел, дефис и апостроф.
reg-error-not-a-number = Напишите, пожалуйста, одно число — цифрами.
reg-error-experience-range = Стаж — число от 0 до { $max }.
reg-error-year-range = Год рождения — четыре цифры, от { $low } до { $high }.
reg-error-year-vs-experience = Год рождения { $year } и стаж { $experience } не сходятся: получается, что вы начали работать слишком рано. Проверьте, пожалуйста, одно из двух.
reg-error-note-empty = Напишите, пожалуйста, название школы.
reg-error-note-too-long = Слишком длинно — уложитесь, пожалуйста, в { $max } { $max ->
        [one] символ
        [few] символа
       *[many] символов
    }.
reg-error-gone = Этого варианта больше нет в списке — выберите, пожалуйста, заново.
reg-error-no-subjects = Отметьте хотя бы один предмет или нажмите «Не веду предметы».

position-teacher = Учитель
position-primary_teacher = Учитель начальных классов
position-additional_ed = Педагог дополнительного образования
position-psychologist = Педагог-психолог
position-speech_therapist = Учитель-логопед, дефектолог
position-social_pedagogue = Социальный педагог
position-tutor = Тьютор
position-counselor = Советник директора по воспитанию
position-librarian = Педагог-библиотекарь
position-methodist = Методист
position-deputy = Заместитель директора
position-director = Директор
position-other = Другая должность

subject-primary = Начальные классы
subject-russian = Русский язык
subject-literature = Литература
subject-native = Родной язык и литература
subject-foreign = Иностранный язык
subject-math = Математика
subject-informatics = Информатика
subject-physics = Физика
subject-chemistry = Химия
subject-biology = Биология
subject-geography = География
subject-history = История
subject-social = Обществознание
subject-music = Музыка
subject-art = ИЗО
subject-technology = Труд (технология)
subject-pe = Физкультура
subject-obzr = ОБЗР
subject-other = Другой предмет
subjects-none = не веду предметы

category-none = Без категории
category-first = Первая
category-highest = Высшая

## Меню

menu-unregistered = Чтобы пользоваться диагностикой, маршрутом и мероприятиями, нужно зарегистрироваться — это пара минут.
menu-title = Здравствуйте, { $name }! Чем займёмся?
    <i>Ваши роли: { $roles }</i>
menu-soon = { $label } · скоро
menu-diagnostics = 📊 Диагностика
menu-route = 🧭 Мой маршрут (ИОМ)
menu-mentoring = 🤝 Наставничество
menu-events = 📅 Мероприятия
menu-mentees = 👥 Мои наставляемые
menu-teachers = 🧑‍🏫 Мои педагоги
menu-broadcasts = 📣 Рассылки
menu-reports = 📈 Отчёты и показатели
menu-roles = 🔑 Роли и приглашения
menu-directory = 🏫 Справочник школ
menu-profile = 👤 Профиль
menu-help = ❓ Помощь
menu-language = 🌐 Язык / Language

soon-route = Скоро здесь будет ваш индивидуальный образовательный маршрут — по итогам диагностики.
soon-mentoring = Скоро здесь можно будет найти наставника или вести встречи с наставляемым.
soon-events = Скоро здесь появятся семинары, вебинары, курсы и конкурсы для вас — с записью в одно касание.
soon-mentees = Скоро здесь будут ваши наставляемые и журнал встреч.
soon-broadcasts = Скоро здесь можно будет объявлять мероприятия нужным педагогам.
soon-reports = Скоро здесь будут показатели системы сопровождения и выгрузки в Excel.

## Помощь

help-intro =
    <b>Что я умею</b>
    Я помогаю педагогам региона расти профессионально: пройти самодиагностику, построить индивидуальный маршрут, найти наставника и узнавать о мероприятиях. Всё — кнопками, ничего запоминать не нужно.
help-mentor = <b>Наставнику:</b> скоро здесь появится журнал встреч с наставляемыми.
help-methodist = <b>Методисту:</b> «Мои педагоги» — результаты диагностики тех, кто их вам открыл.
help-staff = <b>Сотруднику методической службы:</b> «Результаты диагностики» — сводка по региону, муниципалитету, школе или предмету и выгрузка в Excel; новую версию анкеты можно прислать файлом .yaml. «Роли и приглашения» — пригласить наставников и методистов по ссылке.
help-admin = <b>Администратору:</b> приглашения на любые роли, журнал изменений ролей, справочник школ. Загрузить свой справочник: <code>python -m bot import-directory ФАЙЛ --replace</code>.
help-commands =
    <b>Команды</b>
    /menu — главное меню
    /profile — ваш профиль
    /language — язык
    /cancel — прервать текущее действие
    /help — эта справка

cmd-start = Начать
cmd-menu = Главное меню
cmd-profile = Мой профиль
cmd-help = Помощь
cmd-language = Язык
cmd-cancel = Отменить действие

cancel-nothing = Сейчас нечего отменять.
cancel-edit = Хорошо, ничего не меняю.
cancel-registration = Регистрация остановлена. Когда будете готовы — нажмите «Зарегистрироваться».
cancel-done = Отменено.

## Язык

lang-choose = Выберите язык / Choose your language
lang-changed = Готово, говорим по-русски.
lang-ru = Русский
lang-en = English

## Профиль

profile-title = <b>👤 Ваш профиль</b>
profile-empty = —
profile-name = ФИО: { $value }
profile-municipality = Муниципалитет: { $value }
profile-school = Школа: { $value }
profile-school-requested = { $name } <i>(ждёт добавления в справочник)</i>
profile-position = Должность: { $value }
profile-subjects = Предметы: { $value }
profile-experience = Стаж: { $years ->
        [0] меньше года
        [one] { $years } год
        [few] { $years } года
       *[many] { $years } лет
    }
profile-experience-empty = Стаж: —
profile-birth-year = Год рождения: { $value }
profile-category = Категория: { $value }
profile-young-yes = 🌱 Вы — молодой специалист (до 35 лет и не больше 3 лет стажа). Вам положена поддержка наставника.
profile-young-no = Статус молодого специалиста: нет.
profile-saved = ✅ Сохранено.
profile-edit-name = ✏️ ФИО
profile-edit-place = ✏️ Школа
profile-edit-position = ✏️ Должность
profile-edit-subjects = ✏️ Предметы
profile-edit-experience = ✏️ Стаж
profile-edit-birth_year = ✏️ Год рождения
profile-edit-category = ✏️ Категория
profile-delete = 🗑 Удалить мои данные
profile-delete-confirm = Удалить ваш профиль и всё, что я о вас знаю? Это действие нельзя отменить — и согласие на обработку данных будет отозвано.
profile-delete-yes = Да, удалить всё
profile-delete-no = Нет, оставить
profile-deleted = Готово: ваши данные удалены, согласие отозвано. Если захотите вернуться — отправьте /start.

## Роли и приглашения

roles-home = <b>🔑 Роли и приглашения</b>
    Пригласите человека по ссылке — роль появится у него, как только он её откроет.
roles-new-invite = ➕ Создать приглашение
roles-invites = 📨 Действующие приглашения
roles-people = 👥 Люди с ролями
roles-audit = 📜 Журнал изменений
invite-pick-role = Какую роль даёт приглашение?
invite-pick-scope-staff = Для какой службы — регионального центра или муниципальной?
invite-pick-scope-methodist = Каких педагогов будет сопровождать методист: всего региона или одного муниципалитета?
invite-scope-region = 🌐 Весь регион
invite-pick-uses = Приглашение на роль «{ $role }». Сколько человек смогут им воспользоваться?
invite-uses-option = { $count ->
        [one] { $count } человек
        [few] { $count } человека
       *[many] { $count } человек
    }
invite-pick-days = Сколько дней действует ссылка?
invite-days-option = { $count ->
        [one] { $count } день
        [few] { $count } дня
       *[many] { $count } дней
    }
invite-created =
    ✅ Приглашение готово: роль «{ $role }».
    Перешлите ссылку тем, кому нужна роль:
    { $link }

    Сработает для { $uses ->
        [one] { $uses } человека
        [few] { $uses } человек
       *[many] { $uses } человек
    }, действует до { $until }.
invite-scope-line = Служба: { $name }
invites-title = <b>📨 Действующие приглашения</b>
invites-empty = Действующих приглашений нет.
invites-line = { $number }. «{ $role }» — использовано { $used } из { $uses }, до { $until }
    { $link }
invites-revoke = ✖️ Отозвать № { $number }
invite-revoke-done = Приглашение отозвано.
invite-already-gone = Это приглашение уже не действует.
invite-granted = 🔑 По приглашению вам выдана роль «{ $role }». Новые разделы — в меню.
invite-already = Роль «{ $role }» у вас уже есть — всё в порядке.
invite-unknown = Эта ссылка-приглашение не найдена. Проверьте, что скопировали её целиком, или попросите новую.
invite-revoked = Это приглашение отозвано. Попросите новое у того, кто его прислал.
invite-expired = Срок действия приглашения истёк. Попросите новое у того, кто его прислал.
invite-exhausted = По этому приглашению роль уже получили все, кому оно было предназначено. Попросите новое.
people-title = <b>👥 Люди с ролями</b> — { $count }. Нажмите на человека, чтобы посмотреть или снять роль.
people-empty = Пока ни у кого нет ролей, кроме «педагог». Создайте приглашение.
person-title = <b>{ $name }</b>
person-no-name = (без имени)
person-roles = Роли: { $roles }
person-revoke = ✖️ Снять роль «{ $role }»
person-revoked = Роль «{ $role }» снята.
person-gone = Этого человека уже нет в списке.
role-revoked-notice = Роль «{ $role }» у вас снята. Если это ошибка — напишите методической службе.
audit-title = <b>📜 Журнал изменений ролей</b> (последние 20)
audit-empty = Журнал пока пуст.
audit-grant = { $at } — { $target }: выдана роль «{ $role }» ({ $source })
audit-revoke = { $at } — { $target }: снята роль «{ $role }» (кто снял: { $actor })
audit-deleted = (данные удалены)
audit-source-invite = по приглашению
audit-source-registration = при регистрации
audit-source-manual = вручную

## Справочник

directory-status =
    <b>🏫 Справочник</b>
    Муниципалитетов: { $municipalities }, школ: { $schools }.
    Запросов «моей школы нет в списке»: { $requests }.

    Загрузить свой справочник (CSV или YAML) на сервере бота:
    <code>python -m bot import-directory ФАЙЛ --replace</code>
    Формат файла описан в README.
directory-sample-loaded =
    ℹ️ Справочник школ был пуст, поэтому я загрузил демонстрационный (Костромская область): { $municipalities ->
        [one] { $municipalities } муниципалитет
        [few] { $municipalities } муниципалитета
       *[many] { $municipalities } муниципалитетов
    }, { $schools ->
        [one] { $schools } школа
        [few] { $schools } школы
       *[many] { $schools } школ
    }. Педагоги уже могут регистрироваться.

    Чтобы заменить его своим, выполните на сервере бота:
    <code>python -m bot import-directory ФАЙЛ --replace</code>

## Командная строка

cli-description = Методист — бот научно-методического сопровождения педагогов.
cli-help-run = запустить бота (по умолчанию)
cli-help-migrate = применить миграции базы данных
cli-help-import = загрузить муниципалитеты и школы из CSV или YAML
cli-help-replace = удалить из справочника то, чего нет в файле (если это не используется в профилях)
cli-invalid-missing = не задано
cli-invalid-token = не похоже на токен бота — он выглядит как 123456789:ABC-DEF…
cli-invalid-admin_ids = нужны числовые Telegram ID через запятую
cli-invalid-locale = поддерживаются ru и en
cli-invalid-timezone = неизвестный часовой пояс — например, Europe/Moscow
cli-invalid-log_level = допустимо DEBUG, INFO, WARNING или ERROR
cli-invalid-database_url = нужен адрес вида sqlite+aiosqlite:///data/metodist.db или postgresql+asyncpg://user@host/db
cli-config-error = Ошибка настройки — { $problems }. Проверьте переменные окружения или файл .env (см. README). Токен выдаёт @BotFather.
cli-migrated = База данных обновлена до последней версии.
cli-no-file = Файл не найден: { $path }
cli-import-report = Справочник загружен. Муниципалитеты: добавлено { $m_added }, обновлено { $m_updated }. Школы: добавлено { $s_added }, обновлено { $s_updated }. Без изменений: { $unchanged }.
cli-import-removed = Удалено отсутствующих в файле: школ { $schools }, муниципалитетов { $municipalities }. Оставлено, потому что используются в профилях: { $kept }.
cli-import-replace-skipped = В файле есть ошибки, поэтому ничего не удалял (--replace пропущен).
cli-import-errors = Строки с ошибками ({ $count }) пропущены:
