## Наставничество

mn-status-proposed = предложена
mn-status-active = действует
mn-status-paused = на паузе
mn-status-completed = завершена
mn-status-cancelled = отменена

mn-format-observation = Посещение урока
mn-format-planning = Совместное планирование урока
mn-format-consultation = Консультация
mn-format-analysis = Анализ урока
mn-format-other = Другое

mn-reason-subject = тот же предмет
mn-reason-school = та же школа
mn-reason-municipality = тот же муниципалитет
mn-reason-wish_subject = предмет, который просили
mn-reason-wish_school = своя школа, как просили

mn-card-name = <b>{ $name }</b>
mn-card-place = { $school }, { $municipality }
mn-card-subjects = Предметы: { $subjects }
mn-card-about = О себе: { $about }
mn-card-formats = Как любит работать: { $formats }
mn-period = Период наставничества: { $start } — { $end }
mn-paused = ⏸ Наставничество сейчас на паузе.

## Молодой специалист

mn-my-title = <b>🤝 Мой наставник</b>
mn-my-contact = Нажмите на имя, чтобы написать наставнику в Telegram, — или договоритесь о встрече в школе. Встречи наставник записывает сам, а вы подтверждаете их одним нажатием.
mn-none =
    <b>🤝 Наставничество</b>

    Молодому специалисту положен наставник — опытный коллега, который поможет с уроками, документами и трудными ситуациями.

    Попросите наставника: методическая служба подберёт его по предмету и школе.
mn-requested =
    <b>🤝 Наставничество</b>

    Ваша просьба принята — методическая служба подбирает вам наставника. Я напишу, как только наставник найдётся.
mn-proposed =
    <b>🤝 Наставничество</b>

    Наставник для вас уже подобран — ждём подтверждения методической службы. Я напишу, как только пару утвердят.
mn-only-young = Наставника подбирают молодым специалистам — до 35 лет и в первые 3 года работы.
mn-btn-ask = 🙋 Попросить наставника
mn-btn-change-request = ✏️ Изменить пожелания
mn-ask-prompt = Есть пожелания? Отметьте, что важно, — или сразу отправьте просьбу.
mn-wish-subject = Наставник по предмету «{ $subject }»
mn-wish-school = Из моей школы
mn-btn-send-request = 📨 Отправить просьбу
mn-request-saved = Просьба отправлена!

## Стать наставником

mn-not-young =
    <b>🤝 Наставничество</b>

    Хотите помогать молодым коллегам? Станьте наставником: подайте заявку, методическая служба её рассмотрит.
mn-already-mentor = Вы наставник. Ваши молодые специалисты и журнал встреч — в разделе «👥 Мои молодые специалисты».
mn-applied = ✅ Заявка стать наставником отправлена. Я напишу, когда её рассмотрят.
mn-applied-already = Заявка уже подана или вы уже наставник.
mn-btn-apply = 🙋 Стать наставником
mn-capacity-prompt = Скольких молодых коллег вы готовы вести одновременно?
mn-about-prompt = Напишите пару слов о себе: стаж, в чём сильны, чем можете помочь. Или нажмите «Пропустить».
mn-about-long = Слишком длинно — уложитесь, пожалуйста, в { $max } знаков.
mn-notice-approved = 🎉 Вашу заявку одобрили: теперь вы наставник! Молодые специалисты, которых вы будете сопровождать, появятся в разделе «👥 Мои молодые специалисты».
mn-notice-declined = Вашу заявку стать наставником пока отклонили. Если есть вопросы — обратитесь в методическую службу.

## Наставник

mn-mentees-title = <b>👥 Мои молодые специалисты</b> — { $load } из { $capacity }
mn-mentees-none = Пока никого нет. Когда методическая служба закрепит за вами молодого коллегу, я напишу.
mn-btn-profile = ⚙️ Моя карточка наставника
mn-profile-title = <b>⚙️ Карточка наставника</b>
mn-profile-capacity = Беру наставляемых: до { $capacity }
mn-profile-no-about = О себе: <i>не заполнено</i>
mn-profile-formats-hint = Как вы любите работать? Отметьте — это увидят наставляемые.
mn-btn-capacity = 👥 Сколько наставляемых
mn-btn-about = ✏️ О себе
mn-pair-title = <b>👤 Молодой специалист</b>
mn-pair-meetings = Встреч записано: { $count }
mn-pair-last = Последняя встреча: { $date }
mn-btn-log = 📝 Записать встречу
mn-btn-journal = 📜 Журнал встреч
mn-intro-mentor = 🤝 <b>За вами закреплён молодой специалист!</b> Познакомьтесь и договоритесь о первой встрече.
mn-intro-mentee = 🤝 <b>У вас есть наставник!</b> Познакомьтесь и договоритесь о первой встрече.

## Журнал встреч

mn-log-format = 📝 <b>Новая встреча</b> (сегодня)

    Какой был формат?
mn-log-topic = Какая была тема? Напишите коротко, например: «Дисциплина на уроке в 7 классе».
mn-log-topic-recent = Какая была тема? Выберите из недавних или напишите новую.
mn-topic-short = Слишком коротко — напишите тему в несколько слов.
mn-topic-long = Слишком длинно — уложитесь, пожалуйста, в 200 знаков.
mn-log-duration = Сколько длилась встреча?
mn-minutes = { $minutes } мин
mn-log-check = Всё верно?
mn-log-date = Когда была встреча?
mn-today = Сегодня
mn-yesterday = Вчера
mn-btn-save = ✅ Сохранить
mn-btn-date = 📅 Другая дата
mn-btn-note = ✍️ Заметка или фото
mn-note-prompt = Напишите заметку или пришлите фото (например, план урока).
mn-note-wrong = Сюда подойдёт текст или фото.
mn-meeting-date = Дата: { $date }
mn-meeting-format = Формат: { $format }
mn-meeting-topic = Тема: { $topic }
mn-meeting-minutes = Длительность: { $minutes } мин
mn-meeting-note = Заметка: { $note }
mn-meeting-photo = 📷 Фото приложено
mn-saved = ✅ Встреча записана. Я попрошу молодого специалиста её подтвердить.
mn-saved-already = Эта встреча уже записана — второй раз не добавлю.
mn-form-gone = Эта форма уже закрыта. Откройте пару и запишите встречу заново, если нужно.
mn-journal-title = <b>📜 Журнал встреч</b> · { $name }
mn-journal-empty = Встреч пока не было.
mn-journal-line = { $mark } { $date } — { $format }: { $topic } ({ $minutes } мин)
mn-journal-legend = ✅ подтверждена · ⏳ ждёт подтверждения · ❌ не подтверждена
mn-meeting-state-waiting = ⏳ Ждёт подтверждения молодого специалиста
mn-meeting-state-confirmed = ✅ Встреча подтверждена
mn-meeting-state-disputed = ❌ Встреча не подтверждена: по ответу молодого специалиста, её не было
mn-meeting-rating = Оценка: { $rating } из 5
mn-meeting-comment = Отзыв: { $comment }
mn-btn-edit-topic = ✏️ Изменить тему
mn-btn-delete = 🗑 Удалить запись
mn-btn-delete-yes = Да, удалить
mn-delete-confirm = Удалить запись о встрече «{ $topic }»?
mn-deleted = Запись удалена.
mn-edited = Изменено.
mn-not-yours = Это не ваша пара или встреча.

## Подтверждение и оценка встречи

mn-confirm-request = 📝 Наставник { $name }: записана встреча с вами. Всё верно?
mn-btn-confirm = ✅ Да, встреча была
mn-btn-dispute = ❌ Такой встречи не было
mn-rate-prompt = Спасибо! Насколько встреча была полезной? От ★ до ★★★★★.
mn-comment-prompt = Хотите что-нибудь добавить? Напишите пару слов — или нажмите «Без комментария».
mn-btn-no-comment = Без комментария
mn-thanks = Спасибо! Ваша оценка сохранена.
mn-disputed = Хорошо: встреча отмечена как не подтверждённая, наставник получит сообщение.
mn-already-answered = Вы уже ответили на эту встречу.
mn-notice-disputed = ❌ Встреча { $date } не подтверждена: { $name } отвечает, что её не было. Проверьте запись в журнале.

## Подходит ли наставник

mn-fit-question = 🤝 Первая встреча позади. Подходит ли вам наставник { $name }?
mn-fit-yes = 👍 Да, подходит
mn-fit-unsure = 🤔 Пока не знаю
mn-fit-no = 👎 Нет
mn-fit-thanks-yes = Отлично! Успешной совместной работы.
mn-fit-thanks-unsure = Хорошо, это нормально. Если что-то не так — напишите в методическую службу.
mn-fit-thanks-no = Спасибо за честность. Методическая служба уже знает — вам подберут другого наставника.

## Напоминания и сигналы

mt-notice-nudge = 📝 { $mentee }: записанных встреч нет уже { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }. Если встреча была — запишите её, это пара нажатий.
mt-notice-risk = ⚠️ Пара в зоне риска: наставник { $mentor } и { $mentee } — нет встреч уже { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }.
mt-notice-unpaired = 🙋 { $name } — молодой специалист без наставника уже { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }. Подберите пару в разделе «🔗 Пары и подбор наставников».
mts-notice-application = 🙋 { $name } хочет стать наставником. Посмотрите заявку.
mts-notice-fit-no = 👎 { $mentee } отвечает, что наставник { $mentor } не подходит. Подберите другого.

## Мониторинг адаптации

adapt-intro = 🌱 Как у вас дела? Раз в месяц я спрашиваю молодых специалистов, как проходит адаптация. Четыре коротких вопроса, ответы видит только методическая служба в общей сводке.
adapt-title = <b>Адаптация · вопрос { $number } из { $count }</b>
adapt-multi-hint = Можно выбрать несколько, потом нажмите «Готово».
adapt-done = Готово
adapt-q-difficulty = Что сейчас даётся труднее всего?
adapt-difficulty-discipline = Дисциплина на уроках
adapt-difficulty-planning = Подготовка к урокам
adapt-difficulty-paperwork = Документы и отчёты
adapt-difficulty-parents = Общение с родителями
adapt-difficulty-colleagues = Отношения в коллективе
adapt-difficulty-none = Особых трудностей нет
adapt-q-support = Насколько вы чувствуете поддержку наставника и коллег? 1 — совсем нет, 5 — очень.
adapt-support-1 = 1
adapt-support-2 = 2
adapt-support-3 = 3
adapt-support-4 = 4
adapt-support-5 = 5
adapt-q-workload = Как вы оцениваете свою нагрузку?
adapt-workload-normal = Нормальная
adapt-workload-high = Высокая, но справляюсь
adapt-workload-excessive = Чрезмерная
adapt-q-stay = Хотите ли вы остаться в профессии?
adapt-stay-yes = Да
adapt-stay-unsure = Пока не знаю
adapt-stay-no = Нет
adapt-pick-one = Выберите хотя бы один вариант.
adapt-thanks = Спасибо! Если трудно — не оставайтесь с этим один на один: напишите наставнику или в методическую службу.
adapt-finished = Вы уже ответили в этом месяце — спасибо!

## Методическая служба: пары

mts-pairs-title = <b>🔗 Пары и подбор наставников</b>
mts-coverage = Молодых специалистов с наставником: { $covered } из { $youngs } ({ $share }%)
mts-pairs-active = Действующих пар: { $count }
mts-pairs-risk = В зоне риска (нет встреч 30 дней): { $count }
mts-pairs-proposed = Предложено пар, ждут подтверждения: { $count }
mts-btn-match = 🔎 Подобрать пары
mts-scope-prompt = Для кого подобрать пары?
mts-scope-region = 🌍 Весь регион
mts-btn-proposals = 💡 Предложенные пары ({ $count })
mts-btn-risk = ⚠️ Пары в зоне риска ({ $count })
mts-btn-applications = 🙋 Заявки в наставники ({ $count })
mts-btn-report = 📊 Отчёт
mts-btn-xlsx = 📥 Выгрузить в Excel
mts-btn-open-pair = Открыть пару
mts-proposals-title = <b>💡 Предложенные пары</b> ({ $count })
mts-unmatched = Без пары остались: { $count } — в их муниципалитете нет наставников со свободным местом.
mts-proposal-line = • { $mentee } ← { $mentor } ({ $reasons })
mts-btn-confirm-all = ✅ Подтвердить все ({ $count })
mts-proposal-title = <b>💡 Предложенная пара</b>
mts-proposal-young = <b>Молодой специалист</b>
mts-proposal-mentor = <b>Наставник</b> (наставляемых: { $load } из { $capacity })
mts-proposal-why = Почему: { $reasons }
mts-btn-confirm = ✅ Подтвердить
mts-btn-other = 🔁 Другой наставник
mts-btn-reject = ✖️ Отклонить
mts-others-title = <b>Кто ещё может взять</b>
mts-other-line = • { $name } — { $reasons }; наставляемых { $load } из { $capacity }
mts-others-none = Других наставников со свободным местом в этом муниципалитете нет.
mts-confirmed = Пара подтверждена: наставник и молодой специалист получили контакты друг друга.
mts-confirmed-all = { $count ->
    [one] ✅ Подтверждена { $count } пара. Наставники и молодые специалисты получили контакты друг друга.
    [few] ✅ Подтверждены { $count } пары. Наставники и молодые специалисты получили контакты друг друга.
   *[other] ✅ Подтверждено { $count } пар. Наставники и молодые специалисты получили контакты друг друга.
}
mts-cannot-confirm = Не получилось: у наставника нет свободного места или у молодого специалиста уже есть пара.
mts-pair-decided = Эта пара уже решена.
mts-pair-gone = Этой пары или заявки нет — или она вне вашего муниципалитета.
mts-risk-title = <b>⚠️ Пары в зоне риска</b>
mts-risk-line = • { $mentor } — { $mentee } (встреч: { $meetings })
mts-pair-title = <b>Пара</b> · { $mark } { $status }
mts-pair-people = Наставник: { $mentor }
    Молодой специалист: { $mentee }
mts-pair-fit = Ответ «подходит ли наставник»: { $answer }
mts-btn-pause = ⏸ Поставить на паузу
mts-btn-resume = ▶️ Возобновить
mts-btn-complete = 🏁 Завершить наставничество
mts-btn-rematch = 🔁 Подобрать другого наставника
mts-apps-title = <b>🙋 Заявки в наставники</b> ({ $count })
mts-app-line = • { $name } — может вести { $capacity }; { $about }
mts-btn-approve = ✅ { $name }
mts-btn-decline = ✖️ Отклонить
mts-app-done = Готово, ответ отправлен.

mts-report-title = <b>📊 Наставничество: сводка</b>
mts-report-per-month = Встреч на пару в месяц: { $value }
mts-report-rating = Средняя оценка встреч: { $value }
mts-report-mentors = <b>Нагрузка наставников</b> ({ $count }):
mts-report-mentor = • { $name } — { $load } из { $capacity }
mts-report-adaptation = <b>Адаптация за 3 месяца</b>: ответов { $answered }
mts-report-support = Поддержка (1–5): { $value }
mts-report-overloaded = Нагрузка высокая или чрезмерная: { $count }
mts-report-may-leave = Сомневаются, остаться ли в профессии: { $count }
mts-xlsx-caption = 📥 Наставничество: сводка, пары, наставники и журнал встреч.
mts-sheet-summary = Сводка
mts-sheet-pairs = Пары
mts-sheet-mentors = Наставники
mts-col-youngs = Молодых специалистов
mts-col-covered = С наставником
mts-col-coverage = Охват, %
mts-col-pairs = Действующих пар
mts-col-risk = В зоне риска
mts-col-per-month = Встреч на пару в месяц
mts-col-rating = Средняя оценка
mts-col-adaptation = Ответов об адаптации за 3 месяца
mts-col-support = Поддержка (1–5)
mts-col-overloaded = Перегружены
mts-col-may-leave = Сомневаются, остаться ли
mts-col-mentee = Молодой специалист
mts-col-mentor = Наставник
mts-col-status = Статус
mts-col-since = С
mts-col-meetings = Встреч
mts-col-fit = Подходит ли наставник
mts-col-load = Наставляемых
mts-col-capacity = Может вести
mts-yes = да
mts-sheet-meetings = Встречи
mts-col-municipality = Муниципалитет
mts-col-mentee-school = Школа молодого специалиста
mts-col-mentor-school = Школа наставника
mts-col-school = Школа
mts-col-about = О себе
mts-col-date = Дата
mts-col-format = Формат
mts-col-topic = Тема
mts-col-minutes = Минут
mts-col-confirmed = Подтверждение
mts-col-meeting-rating = Оценка
mts-col-comment = Отзыв молодого специалиста
mts-col-note = Заметка наставника
mts-meeting-waiting = ждёт ответа
mts-meeting-confirmed = подтверждена
mts-meeting-disputed = не подтверждена
