## Аттестация: меню

menu-attestation = 🏅 Аттестация
menu-about-attestation = ваша квалификационная категория, срок её действия, приказ и подготовка к аттестации
menu-att_staff = 🗂 Категории и приказы
menu-about-att_staff = подтверждение категорий, загрузка приказов об аттестации, кому аттестоваться в этом году

## Категории

att-cat-conform = Соответствие занимаемой должности
att-cat-first = Первая категория
att-cat-highest = Высшая категория
att-cat-methodist = Педагог-методист
att-cat-mentor = Педагог-наставник

att-status-claimed = ждёт подтверждения
att-status-confirmed = подтверждена
att-status-rejected = не подтверждена

## Экран педагога

att-title = <b>🏅 Аттестация</b>
att-current = Ваша категория: <b>{ $category }</b>, присвоена { $awarded }.
att-expires = Действует до { $date } — { $days ->
        [one] остался { $days } день
        [few] осталось { $days } дня
       *[many] осталось { $days } дней
    }.
att-expired = Срок действия закончился { $date }.
att-no-current = Подтверждённой категории пока нет.
att-pending = ⏳ Категория «{ $category }» от { $awarded } ждёт подтверждения методической службы.
att-orderless = При регистрации вы указали: { $category }. Чтобы категория считалась, укажите дату и номер приказа.
att-rejected = ❌ Категория «{ $category }» от { $awarded } не подтверждена: { $reason }
att-hint = Категорию присваивают на пять лет. Я напомню за полгода и за три месяца до окончания срока и помогу подготовиться.
att-btn-claim = ✏️ Указать категорию
att-btn-support = 🧭 Подготовка к аттестации в маршрут
att-btn-history = 📜 История
att-btn-home = 🏅 Аттестация
att-btn-cancel = ✖️ Отмена
att-btn-skip = Пропустить
att-btn-route = 🧭 Мой маршрут
att-btn-own-scan = 📎 Скан приказа от { $awarded }

## Указать категорию

att-ask-category = Какая у вас категория?
att-ask-date = { $category }. Напишите дату приказа о присвоении, например 15.03.2024.
att-ask-order = Напишите номер приказа, например 1234-к.
att-ask-scan = Пришлите фото или скан приказа — так методической службе проще подтвердить. Можно пропустить.
att-bad-date = Не получается прочитать дату. Напишите её так: 15.03.2024.
att-date-future = Эта дата ещё не наступила. Проверьте дату приказа.
att-date-expired = Категория с такой датой приказа уже истекла: она действует пять лет. Укажите приказ о действующей категории.
att-bad-order = Номер приказа — это короткая строка из цифр и букв, до 64 знаков, например 1234-к.
att-bad-scan = Пришлите фото или файл приказа или нажмите «Пропустить».
att-claimed = ✅ Записано: { $category }, приказ № { $order } от { $awarded }, действует до { $expires }. Когда методическая служба подтвердит категорию, я сообщу.
att-claim-already = Эта категория уже подтверждена: { $category }, приказ № { $order } от { $awarded }, действует до { $expires }.
att-cancelled = Хорошо, ничего не меняю.
att-stale = Эта кнопка из прошлого шага. Вот что сейчас.
att-not-yours = Эта запись не ваша.
att-no-scan = Скана приказа нет.

## История

att-history-title = <b>📜 Мои категории</b>
att-history-empty = Пока ни одной записи с приказом.
att-history-line = • { $category }: приказ № { $order } от { $awarded }, до { $expires } — { $status }

## Напоминание и подготовка

att-remind = ⏰ Срок вашей категории «{ $category }» заканчивается { $date } — через { $months ->
        [one] { $months } месяц
        [few] { $months } месяца
       *[many] { $months } месяцев
    }. Пора готовиться к аттестации. Одной кнопкой я добавлю в ваш маршрут (ИОМ) шаги подготовки: портфолио, консультацию, открытый урок и курс, а ваш методист получит сообщение.
att-step-portfolio = Собрать портфолио к аттестации
att-step-consultation = Консультация методиста по подготовке к аттестации
att-step-open_lesson = Провести открытый урок
att-step-course = Курс повышения квалификации перед аттестацией
att-support-done = 🧭 Добавил в ваш маршрут { $count ->
        [one] { $count } шаг
        [few] { $count } шага
       *[many] { $count } шагов
    } подготовки к аттестации. Методисту отправлено сообщение.
att-support-note = Шаги добавлены в маршрут
att-support-already = Шаги подготовки к аттестации уже в вашем маршруте.
att-support-unconfirmed = Подготовку можно добавить, когда категория подтверждена.
att-btn-open-route = Открыть маршрут

## Уведомления

att-notice-confirmed = ✅ Ваша категория подтверждена: { $category }.
att-notice-rejected = ❌ Категория «{ $category }» не подтверждена: { $reason }
    Проверьте дату и номер приказа и укажите категорию снова.
att-notice-support = 🧭 Педагог { $name } готовится к аттестации (категория «{ $category }» до { $date }) в маршрут добавлены шаги подготовки — портфолио, консультация, открытый урок, курс.

## Методическая служба

att-staff-title = <b>🏅 Аттестация педагогов</b>
    Подтвердите категории, которые указали педагоги, загрузите приказы об аттестации или посмотрите, кому аттестоваться в этом учебном году.
att-btn-queue = 📥 Категории на подтверждение
att-btn-import = 📄 Загрузить приказы
att-btn-due = 📅 Кому аттестоваться в этом году
att-btn-staff-home = ⬅️ К аттестации
att-queue-title = <b>Категории на подтверждение:</b> { $count }
att-queue-empty = Все категории проверены.
att-btn-queue-back = ⬅️ К списку
att-card = <b>{ $name }</b>
    { $place }
    Категория: { $category }
    Приказ № { $order } от { $awarded }, действует до { $expires }
    Статус: { $status }
att-card-reason = Причина: { $reason }
att-btn-confirm = ✅ Подтвердить
att-btn-reject = ❌ Отклонить
att-btn-scan = 📎 Скан приказа
att-confirmed = Категория подтверждена
att-rejected-done = Категория отклонена, причина отправлена педагогу.
att-decided-before = Эту категорию уже рассмотрели.
att-ask-reason = Почему категория педагога { $name } не подтверждается? Напишите коротко — педагог получит этот текст.
att-reason-short = Напишите причину хотя бы в несколько слов.
att-reason-long = Слишком длинно: до 300 знаков, одной строкой.
att-claim-gone = Этой записи больше нет.
att-not-your-municipality = Эта запись другого муниципалитета.
att-not-own = Свою категорию подтверждает коллега.
att-scope-gone = Такого муниципалитета или школы больше нет.

## Загрузка приказов

att-import-prompt = Пришлите файл CSV или Excel (.xlsx) с приказами об аттестации. Столбцы: «ФИО», «Код школы» или «Школа», «Категория», «Дата приказа», «Номер приказа». Сначала я покажу, кого нашёл, и ничего не запишу без вашего «Применить».
att-import-not-file = Жду файл CSV или Excel с приказами.
att-import-rejected = Файл «{ $name }» не подошёл.
att-import-again = Исправьте файл и пришлите снова.
att-refused-wrong-type = Я читаю файлы CSV (.csv) и Excel (.xlsx).
att-refused-too-big = Файл весит { $size } КБ, а можно не больше { $limit } КБ.
att-refused-too-big-unpacked = Таблица внутри файла слишком большая (больше { $limit } МБ).
att-refused-not-text = Не получается прочитать файл как текст CSV. Сохраните таблицу как «CSV UTF-8» или пришлите .xlsx.
att-refused-too-many-rows = В файле больше { $limit } строк. Разделите его на части.
att-refused-broken = Файл повреждён или это не таблица. Сохраните его заново как .xlsx или «CSV UTF-8».
att-refused-too-slow = Файл проверялся дольше { $seconds } секунд, проверку пришлось остановить.
att-refused-no-header = Не нашёл заголовок: нужны столбцы «ФИО», «Школа» или «Код школы», «Категория», «Дата приказа», «Номер приказа».
att-refused-no-rows = Ни одна строка не подошла — { $count ->
        [one] { $count } строка с ошибкой
        [few] { $count } строки с ошибками
       *[many] { $count } строк с ошибками
    }:
att-bad-line = Строка { $line }: { $why }.
att-bad-row-name = нет ФИО
att-bad-row-school = нет школы
att-bad-row-category = непонятная категория
att-bad-row-date = непонятная дата
att-bad-row-order = нет номера приказа
att-preview-title = <b>Файл «{ $name }»</b>
att-preview-matched = Нашёл педагогов: { $count }. Новых записей: { $new }, подтвердится заявленных: { $confirm }, уже есть: { $same }.
att-preview-row = • строка { $line }: { $name } — { $category }, { $date }
att-preview-unmatched = Не нашёл: { $count }
att-preview-why = • строка { $line }: { $name } — { $why }
att-why-school = нет такой школы в справочнике
att-why-teacher = нет такого педагога в этой школе
att-why-scope = школа другого муниципалитета
att-why-future = дата приказа ещё не наступила
att-preview-ambiguous = Неоднозначно: { $count }
att-preview-many = • строка { $line }: { $name } — подходит { $count }
att-preview-bad = Строки с ошибками: { $count }
att-preview-apply-hint = Нажмите «Применить», чтобы записать найденные категории как подтверждённые.
att-preview-nothing = Записывать нечего: всё из файла уже есть.
att-btn-apply = ✅ Применить
att-applied = ✅ Готово. Добавлено: { $added }, подтверждено заявленных: { $confirmed }, уже было: { $same }. Не найдено: { $unmatched }, неоднозначно: { $ambiguous }, строк с ошибками: { $bad }.
att-import-cancelled = Загрузка отменена, ничего не записано.
att-import-gone = Этот просмотр уже неактуален: пришлите файл снова.

## Кому аттестоваться

att-due-title = <b>📅 Кому аттестоваться</b> с { $first } по { $last }
att-due-scope = Территория: { $scope }
att-due-region = весь регион
att-due-total = Педагогов: { $count }, из них готовятся с маршрутом: { $supported }
att-due-group = • { $name }: { $count } (готовятся: { $supported })
att-due-person = { $mark } { $name } — { $category }, до { $date }
att-due-more = …и ещё { $count } в файле
att-due-more-groups = …и ещё { $count } в файле
att-due-nobody = В этом учебном году ни у кого не заканчивается срок категории.
att-due-unknown = Без школы
att-btn-due-xlsx = 📊 Скачать XLSX
att-btn-up = ⬅️ Выше
att-due-xlsx-caption = Кому аттестоваться в этом учебном году: { $count }
att-due-xlsx-sent = Файл отправлен
att-x-sheet = Аттестация
att-x-name = ФИО
att-x-municipality = Муниципалитет
att-x-school = Школа
att-x-category = Категория
att-x-awarded = Присвоена
att-x-expires = Действует до
att-x-supported = Маршрут подготовки
att-x-yes = да
att-x-no = нет
att-x-scope = Территория
att-x-year = Учебный год
att-x-total = Педагогов
att-x-supported-total = Готовятся с маршрутом

## Категории в регистрации и профиле (category-none, -first, -highest — в main.ftl)

category-conform = Соответствие занимаемой должности
category-methodist = Педагог-методист
category-mentor = Педагог-наставник

job-attestation-reminders = Напоминания об окончании срока категории

## Показатели аттестации в отчёте

rp-att-title = <b>Аттестация</b> (целевого значения нет)
rp-att-line = ▫️ { $name } — { $value }
rp-att-attested = Аттестованы на первую или высшую категорию
rp-att-due = Аттестация в этом учебном году
rp-att-supported = Готовятся к аттестации с поддержкой
rp-att-how-attested = Доля педагогов, которым за период присвоена первая или высшая категория (подтверждённая методической службой или из приказов), среди всех педагогов территории.
rp-att-how-due = Доля педагогов, у которых срок подтверждённой категории заканчивается в текущем учебном году (1 сентября — 31 августа), среди всех педагогов территории.
rp-att-how-supported = Берутся педагоги, у которых срок категории заканчивается в этом учебном году; из них — доля тех, кто добавил в маршрут шаги подготовки к аттестации или задал методисту вопрос об аттестации (за 12 месяцев до окончания срока и до конца периода).
