## Вопрос методисту

menu-consult = ❓ Спросить методиста
menu-consult_queue = 📥 Входящие вопросы
menu-about-consult = задать вопрос методисту (текстом, фото, файлом или голосом), посмотреть ответы на частые вопросы и свои вопросы.
menu-about-consult_queue = вопросы педагогов к вам: сначала просроченные, потом новые; ответить, закрыть, опубликовать ответ в частых вопросах.

consult-topic-route = Маршрут (ИОМ)
consult-topic-attestation = Аттестация
consult-topic-program = Рабочая программа
consult-topic-standards = ФОП и ФГОС
consult-topic-special_needs = Дети с ОВЗ
consult-topic-digital = Цифровые ресурсы
consult-topic-mentoring = Наставничество
consult-topic-other = Другое

consult-kind-text = ✉️ Сообщение
consult-kind-photo = 🖼 Фото
consult-kind-document = 📎 Документ
consult-kind-voice = 🎤 Голосовое сообщение
consult-file-in-question = Файл можно получить, открыв вопрос.

consult-hub =
    <b>❓ Вопрос методисту</b>

    Спросите методиста о маршруте, аттестации, рабочей программе или о чём-то ещё. Ответ придёт сюда, в чат, — обычно в течение двух рабочих дней. Ваши контакты методист не видит: вся переписка идёт через меня.
consult-btn-ask = ✍️ Задать вопрос
consult-btn-faq = 📖 Частые вопросы
consult-btn-mine = 🗂 Мои вопросы{ $count ->
        [0] {""}
       *[other] {" "}({ $count })
    }
consult-btn-cancel = ✖️ Отмена
consult-btn-back = ⬅️ Назад
consult-btn-open = 📂 Открыть вопрос
consult-btn-write = ✍️ Написать
consult-btn-answer = ✍️ Ответить
consult-btn-files = 📎 Файлы ({ $count })
consult-btn-solved = ✅ Вопрос решён
consult-btn-close = 🔒 Закрыть вопрос
consult-btn-rate = ⭐ Оценить ответ
consult-btn-publish = 📖 Опубликовать в частых вопросах
consult-btn-queue = 📥 К вопросам педагогов
consult-btn-other-subject = 📚 Другой предмет
consult-btn-no-subject = Без предмета
consult-btn-send-anyway = 📨 Всё равно спросить
consult-btn-consent-yes = ✅ Да, можно
consult-btn-consent-no = Нет, не публиковать
consult-btn-faq-search = 🔎 Найти по словам
consult-btn-keep = ✅ Оставить так

consult-ask-topic = <b>✍️ Новый вопрос</b>

    О чём ваш вопрос? Выберите тему.
consult-ask-question =
    Тема: <b>{ $topic }</b>
    Предмет: <b>{ $subject }</b>

    Напишите вопрос одним сообщением. Можно приложить фото или документ, а можно записать голосовое сообщение.
consult-ask-subject = Выберите предмет, к которому относится вопрос.
consult-no-subject = без предмета

consult-similar = <b>Может быть, ответ уже есть:</b>
consult-faq-item = ❓ <b>{ $question }</b>
    { $answer }

consult-sent =
    📨 Вопрос отправлен. Ответит методист { $methodist } — до { $due }.

    Ответ придёт сюда, в чат.
consult-sent-nobody =
    📨 Вопрос сохранён. Методиста для вашего предмета и муниципалитета пока нет — методическая служба подберёт его, и ответ придёт сюда, в чат.

consult-mine = <b>🗂 Мои вопросы</b>

    ✍️ — ждёт вашего ответа, ⏳ — ждёт ответа методиста, ✅ — решён.
consult-mine-empty = <b>🗂 Мои вопросы</b>

    Вы ещё не задавали вопросов.

consult-thread =
    <b>{ $topic }</b>
    { $person }
    { $status } · ответ до { $due }
consult-methodist-line = Методист: { $name }
consult-methodist-none = Методист ещё не назначен
consult-teacher-line = Педагог: { $name }
consult-status-closed = ✅ Вопрос решён
consult-status-unrouted = ⏳ Ищем методиста
consult-status-your-turn = ✍️ Ждёт вашего ответа
consult-status-their-turn = ⏳ Ждёт ответа
consult-rated = Оценка: { $rating } из 5
consult-in-faq = 📖 Ответ опубликован в частых вопросах
consult-who-you = Вы
consult-who-teacher = Педагог
consult-who-methodist = Методист
consult-line = <b>{ $who }</b>, { $at }:
    { $text }

consult-write-prompt = Напишите сообщение — текстом, фото, документом или голосом. Я передам его методисту.
consult-answer-prompt = Напишите ответ — текстом, фото, документом или голосом. Я передам его педагогу.
consult-relayed = ✅ Отправлено.
consult-too-long = Сообщение слишком длинное: { $length } знаков, а можно не больше { $max }. Сократите его или разделите на несколько сообщений.
consult-empty = Сообщение пустое. Напишите, пожалуйста, текст.
consult-bad-kind = Такое сообщение я передать не смогу. Пришлите текст, фото, документ или голосовое сообщение.
consult-cancelled = Отменено.

consult-closed-by-you = ✅ Вопрос закрыт. Спасибо!
consult-closed-done = Вопрос закрыт.
consult-rate = Оцените, пожалуйста, ответ методиста: от одной звезды до пяти.
consult-thanks = Спасибо за оценку!
consult-consent =
    Можно опубликовать этот ответ в частых вопросах? Методист перепишет вопрос и ответ так, чтобы в них не было вашего имени и подробностей о вас. Это поможет коллегам с похожими вопросами.
consult-consent-yes = Спасибо! Методист опубликует ответ без вашего имени.
consult-consent-no = Хорошо, ответ останется только у вас.

consult-faq-home = <b>📖 Частые вопросы</b>

    Ответы методистов на вопросы педагогов. Выберите тему или найдите ответ по словам.
consult-faq-topic = <b>📖 { $topic }</b>
consult-faq-found = <b>🔎 Найдено по словам «{ $words }»</b>
consult-faq-pick = Выберите вопрос, чтобы прочитать ответ. Напишите другие слова, чтобы искать ещё.
consult-faq-none = Пока ничего не нашлось. Попробуйте другие слова — или задайте вопрос методисту.
consult-faq-search = 🔎 Напишите несколько слов о том, что ищете, например: «аттестация на первую категорию».
consult-faq-entry =
    <b>📖 { $topic }</b>

    ❓ <b>{ $question }</b>

    { $answer }
consult-need-words = Напишите слова для поиска текстом.

consult-queue = <b>📥 Вопросы педагогов</b> — { $count ->
        [one] { $count } вопрос
        [few] { $count } вопроса
       *[many] { $count } вопросов
    }, страница { $page } из { $pages }
consult-queue-empty = <b>📥 Вопросы педагогов</b>

    Новых вопросов нет.
consult-queue-line = { $mark } <b>{ $topic }</b> — { $lane }
    { $teacher } · задан { $age } назад · ответ до { $due }
consult-lane-overdue = срок ответа прошёл
consult-lane-new = ждёт вашего ответа
consult-lane-teacher = ждёт ответа педагога
consult-lane-closed = можно опубликовать
consult-age-minutes = { $count ->
        [one] { $count } минуту
        [few] { $count } минуты
       *[many] { $count } минут
    }
consult-age-hours = { $count ->
        [one] { $count } час
        [few] { $count } часа
       *[many] { $count } часов
    }
consult-age-days = { $count ->
        [one] { $count } день
        [few] { $count } дня
       *[many] { $count } дней
    }

consult-publish-question =
    <b>📖 Публикация в частых вопросах</b>

    Шаг 1 из 2. Напишите вопрос так, как его прочитают коллеги, — без имени педагога и подробностей о нём. Или оставьте как есть:

    { $proposed }
consult-publish-answer =
    <b>📖 Публикация в частых вопросах</b>

    Шаг 2 из 2. Напишите ответ. Или оставьте ваши ответы из переписки:

    { $proposed }
consult-faq-nothing = (в переписке нет текста — напишите сами)
consult-faq-need-text = Пришлите текст.
consult-published = ✅ Ответ опубликован в частых вопросах.

consult-notice-new =
    📥 <b>Новый вопрос</b> от педагога { $teacher }
    { $topic } · ответ до { $due }
consult-notice-answer = 💬 <b>Ответ методиста { $name }</b> на ваш вопрос «{ $topic }»:
consult-notice-followup = 💬 <b>Сообщение педагога { $name }</b> по вопросу «{ $topic }»:
consult-notice-closed-by-teacher = ✅ Вопрос «{ $topic }» педагога { $name } отмечен решённым.
consult-notice-closed-by-methodist = ✅ Ваш вопрос «{ $topic }» закрыт методистом { $name }.

consult-not-yours = Этот вопрос вам недоступен.
consult-closed = Этот вопрос уже закрыт.
consult-stale = Эта кнопка устарела. Откройте раздел заново.
consult-not-closed = Оценить ответ можно, когда вопрос закрыт.
consult-rated-already = Вы уже оценили этот ответ.
consult-consent-already = Вы уже ответили на этот вопрос.
consult-no-consent = Педагог не разрешил публиковать этот ответ.
consult-faq-empty = И вопрос, и ответ нужно заполнить.
consult-published-already = Этот ответ уже опубликован.
consult-faq-gone = Этого ответа больше нет в частых вопросах.
