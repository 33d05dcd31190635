## Опросы: для педагога

sv-invite =
    📝 <b>Опрос: { $title }</b>

    { $description }

    ⏱ Около { $minutes ->
        [one] { $minutes } минуту
        [few] { $minutes } минуты
       *[many] { $minutes } минут
    }. Ответить можно до { $deadline }.
    Можно прерваться в любой момент — ответы сохранятся, и вы продолжите с того же места.
sv-remind =
    🔔 <b>Напоминаем про опрос «{ $title }»</b>

    Он займёт около { $minutes ->
        [one] { $minutes } минуту
        [few] { $minutes } минуты
       *[many] { $minutes } минут
    }, ответить можно до { $deadline }. Нам очень важно ваше мнение!
sv-anonymous-note = 🔒 Опрос анонимный: ваши ответы хранятся без имени, видны только общие итоги.
sv-minutes = около { $minutes ->
        [one] { $minutes } минуту
        [few] { $minutes } минуты
       *[many] { $minutes } минут
    }
sv-btn-start = ▶️ Начать / продолжить
sv-q-head = 📝 { $title } · вопрос { $n } из { $total }
sv-q-scale-hint = <i>{ $min } — { $min_label }, { $max } — { $max_label }</i>
sv-q-multi-hint = <i>Отметьте всё, что подходит, и нажмите «Дальше».</i>
sv-q-number-hint = <i>Напишите число в ответном сообщении (от { $min } до { $max }).</i>
sv-q-text-hint = <i>Напишите ответ своими словами в ответном сообщении (до { $max } знаков).</i>
sv-q-given = Ваш ответ: { $answer }
sv-btn-next = Дальше ➡️
sv-btn-skip = Пропустить
sv-btn-back = ⬅️ Назад
sv-btn-later = ⏸ Продолжу позже
sv-btn-send = ✅ Отправить ответы
sv-btn-to-missing = ➡️ К пропущенному вопросу
sv-review = Все вопросы опроса «{ $title }» пройдены. Отправляем ответы?
sv-missing =
    { $count ->
        [one] Остался { $count } обязательный вопрос без ответа.
        [few] Осталось { $count } обязательных вопроса без ответа.
       *[other] Осталось { $count } обязательных вопросов без ответа.
    }
sv-thanks = 🙏 Спасибо, ваши ответы сохранены!
sv-saved = 🙏 Ваши ответы сохранены.
sv-thanks-anonymous = Они хранятся без имени и попадут в общие итоги вместе с ответами коллег.
sv-later = Хорошо, ответы сохранены. Продолжить можно в любой момент: «📝 Мои опросы» в меню или кнопка в сообщении с опросом.
sv-my-title =
    <b>📝 Опросы для вас</b>
    { $count ->
        [one] Ждёт ответа { $count } опрос.
        [few] Ждут ответа { $count } опроса.
       *[other] Ждут ответа { $count } опросов.
    }
sv-my-none = <b>📝 Опросы</b>
    Сейчас опросов для вас нет. Когда появится новый, я пришлю сообщение.
sv-my-answered =
    { $count ->
        [one] Вы уже ответили на { $count } опрос — спасибо!
        [few] Вы уже ответили на { $count } опроса — спасибо!
       *[other] Вы уже ответили на { $count } опросов — спасибо!
    }
sv-stale = Этот вопрос уже позади — показываю, где вы остановились.
sv-required = На этот вопрос нужен ответ.
sv-multi-empty = Отметьте хотя бы один вариант.
sv-need-text = Напишите, пожалуйста, ответ обычным текстовым сообщением.
sv-gone = Этот опрос не найден. Откройте «📝 Мои опросы» в меню.
sv-done-already = Вы уже ответили на этот опрос — спасибо!
sv-closed = Этот опрос уже закрыт: срок ответов прошёл. Спасибо!
sv-bad-choice = Такого варианта нет — выберите кнопку под вопросом.
sv-bad-number = Нужно число от { $min } до { $max }, например: 12.
sv-bad-empty = Ответ пустой — напишите хотя бы пару слов.
sv-bad-long = Слишком длинно: { $got } знаков, а можно до { $max }. Сократите, пожалуйста.
sv-bad-press = На этот вопрос отвечают кнопками под ним.

## Опросы: для сотрудников

ss-list-title = <b>📋 Мониторинг и анкетирование</b>
    Адаптация молодых специалистов, запросы педагогов, удовлетворённость сопровождением, самочувствие — запускайте по готовым шаблонам, итоги и Excel здесь же.
ss-list-empty = Опросов пока нет. Нажмите «➕ Новый опрос».
ss-template-errors =
    ⚠️ { $count ->
        [one] { $count } файл шаблона не прочитан
       *[other] Не прочитано файлов шаблонов: { $count }
    } — остальные работают. Подробности — в «➕ Новый опрос».
ss-btn-new = ➕ Новый опрос
ss-btn-to-list = ⬅️ К опросам
ss-btn-to-card = ⬅️ К опросу
ss-templates-title = <b>Выберите шаблон опроса</b>
ss-questions =
    { $count ->
        [one] { $count } вопрос
        [few] { $count } вопроса
       *[other] { $count } вопросов
    }
ss-template-gone = Этот шаблон больше недоступен — выберите другой.
ss-btn-next = Дальше ➡️
ss-when-title = <b>⏰ Когда отправить опрос?</b>
    Сообщения придут каждому в дневное время по его часовому поясу.
ss-btn-now = 🚀 Сейчас, один раз
ss-btn-date = 📅 Один раз, в другой день…
ss-btn-monthly = 🔁 Каждый месяц, 1-го числа в 10:00
ss-date-prompt = Напишите дату и время отправки, например: <code>15.12 10:00</code>
ss-days-title = <b>Сколько дней принимать ответы?</b>
ss-days-title-monthly = <b>Сколько дней каждый месяц принимать ответы?</b>
ss-days =
    { $count ->
        [one] { $count } день
        [few] { $count } дня
       *[other] { $count } дней
    }
ss-when-once = ⏰ Один раз: { $start }, ответы принимаются { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }.
ss-when-monthly = 🔁 Каждый месяц, { $day }-го числа в { $time } по местному времени; ответы принимаются { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }.
ss-confirm-title = <b>Проверьте опрос «{ $title }»</b>
ss-confirm-count = 👥 Получат: <b>{ $count }</b>
ss-confirm-first = Первая волна: { $start }
ss-confirm-reminders = 🔔 Тем, от кого ещё нет ответа, напомним не больше двух раз: в середине срока и за день до конца.
ss-anonymous-yes = 🔒 Анонимный: ответы хранятся без имён и попадают в итоги пачками, итоги волны видны, когда ответят хотя бы пятеро.
ss-anonymous-no = 🔓 С именами: в выгрузке видны ответы каждого по имени.
ss-btn-launch = 🚀 Запустить
ss-btn-anonymous = Анонимный опрос
ss-btn-audience = 👥 Кому
ss-btn-when = ⏰ Когда
ss-btn-drop = 🗑 Удалить черновик
ss-nobody = Под эти условия не попал ни один педагог — расширьте круг получателей.
ss-launched = Опрос запущен. Приглашения уйдут к началу первой волны — её время на карточке.
ss-dropped = Черновик удалён.
ss-not-found = Этот опрос не найден или вам недоступен.
ss-launched-already = Этот опрос уже запущен — изменить его нельзя. Откройте его карточку в списке.
ss-still-draft = Опрос ещё не запущен.
ss-status-draft = ✏️ Черновик
ss-status-active = 🟢 Идёт
ss-status-finished = ✅ Завершён
ss-status-stopped = ⏹ Остановлен
ss-next-wave = Следующая волна: { $start }
ss-waves-title = <b>Волны</b> (ответили / получили):
ss-wave-line = { $period }: { $answered } из { $invited }, до { $closes }
ss-period-once = разовая волна
ss-no-waves-yet = Первая волна откроется в ближайшие минуты.
ss-btn-results = 📊 Итоги
ss-btn-xlsx = 📥 Ответы в Excel
ss-btn-stop = ⏹ Остановить
ss-stop-confirm = Остановить опрос «{ $title }»? Новых волн не будет, текущая закроется сейчас. Ответы, которые уже пришли, сохранятся.
ss-btn-stop-yes = ⏹ Да, остановить
ss-btn-stop-no = Нет, пусть идёт
ss-stopped = Опрос остановлен.
ss-stopped-already = Опрос уже не идёт.
ss-res-title = <b>📊 Итоги: { $title }</b>
ss-res-empty = Ответов пока нет.
ss-res-hidden = Опрос анонимный: итоги покажем, когда ответов будет не меньше { $min } — так никого нельзя узнать по ответам.
ss-res-no-answers = ответов нет
ss-res-answered = ответили: { $count }
ss-res-numbers = среднее { $mean }, медиана { $median }, от { $low } до { $high }
ss-xlsx-caption = 📥 Ответы: { $title } ({ $count })
ss-xlsx-withheld =
    Не вошли { $count ->
        [one] { $count } ответ
        [few] { $count } ответа
       *[other] { $count } ответов
    } из волн, где ответивших меньше { $min }: так никого нельзя узнать.
ss-res-waiting =
    🔒 Ещё { $count ->
        [one] { $count } ответ ждёт
        [few] { $count } ответа ждут
       *[other] { $count } ответов ждут
    } своей очереди: анонимные ответы попадают в итоги вперемешку, пачками не меньше чем по { $batch }, а остальные — когда волна закроется.
ss-type-scale = шкала
ss-type-single = один вариант
ss-type-multi = несколько вариантов
ss-type-number = число
ss-type-text = свободный ответ
ss-x-summary = Итоги
ss-x-answers = Ответы
ss-x-waves = Волны
ss-x-question = Вопрос
ss-x-option = Вариант
ss-x-count = Ответов
ss-x-share = Доля
ss-x-in-file = Ответов в файле
ss-x-value = Значение
ss-x-mean = Среднее
ss-x-median = Медиана
ss-x-wave = Волна
ss-x-name = ФИО
ss-x-municipality = Муниципалитет
ss-x-school = Школа
ss-x-date = Дата ответа
ss-x-deleted = (данные удалены)
ss-x-opens = Открыта
ss-x-closes = Закрыта
ss-x-invited = Получили
ss-x-answered = Ответили

## Расписание заданий

jobs-title = <b>⏰ Расписание рассылок</b>
    Время указано { $zone }.
jobs-next = следующий запуск: { $at }
jobs-last = последний: { $at }, сделано: { $done }
jobs-last-done = последняя отправка: { $at }
jobs-waves-title = <b>Ближайшие волны опросов</b>
jobs-waves-none = Запланированных волн опросов нет.
jobs-queued =
    📬 В очереди на отправку: { $count } { $count ->
        [one] сообщение
        [few] сообщения
       *[other] сообщений
    } (ночью сообщения ждут утра по времени получателя).
jobs-btn-refresh = 🔄 Обновить
job-cleanup-invites = Уборка устаревших приглашений и журнала
job-route-reminders = Напоминания о шагах маршрута
job-mentoring-sweep = Наставничество: тихие пары и молодые без наставника
job-adaptation-checks = Ежемесячная анкета адаптации
job-events-publish = Публикация запланированных мероприятий
job-events-reminders = Напоминания о мероприятиях и отзывы
job-events-digest = Еженедельная подборка мероприятий
job-survey-waves = Волны опросов
job-survey-reminders = Напоминания об опросах
job-survey-release = Анонимные ответы в итоги
