## Staff's «⏱ Сроки ответов методистов»: the service level of «Вопрос методисту», reassigning, the report.

menu-consult_staff = ⏱ Сроки ответов методистов
menu-about-consult_staff = вопросы педагогов методистам: просроченные и без методиста, передать другому методисту, отчёт о сроках и оценках.

job-consult-sla = Консультации: напоминания методистам и просроченные вопросы


cst-title = <b>⏱ Сроки ответов методистов</b>
cst-count-open = Открытых вопросов: { $count }
cst-count-overdue = Просрочено (нет первого ответа в срок): { $count }
cst-count-unrouted = Без методиста: { $count }
cst-attention = <b>Требуют внимания:</b>
cst-attention-none = Просроченных вопросов и вопросов без методиста нет.
cst-attention-line = • №{ $id }, { $topic }, { $place }, задан { $asked }: { $state }
cst-state-unrouted = некому ответить, нет методиста
cst-state-overdue = ответа от методиста { $methodist } ещё нет
cst-btn-question = №{ $id } · { $topic }
cst-btn-pass = 🔁 Передать другому методисту
cst-btn-report-month = 📊 Отчёт за этот месяц
cst-btn-report-year = 📊 Отчёт за учебный год
cst-btn-xlsx = 📥 Таблица Excel
cst-nobody = нет

cst-card-title = <b>Вопрос №{ $id }</b>
cst-card-topic = Тема: { $topic }
cst-card-subject = Предмет: { $subject }
cst-card-teacher = Педагог: { $name }
cst-card-place = Муниципалитет: { $place }
cst-card-methodist = Методист: { $name }
cst-card-asked = Задан: { $at }
cst-card-due = Срок первого ответа: { $at }
cst-card-closed = Вопрос закрыт { $at }.
cst-card-answered = Первый ответ дан { $at }.
cst-card-overdue = ⚠️ Срок первого ответа прошёл, ответа нет.
cst-card-waiting = Ждёт первого ответа, срок ещё не прошёл.

cst-pick-title = <b>Кому передать вопрос №{ $id }?</b> { $topic }, { $place }
cst-pick-hint = Методисты, которые работают с этим муниципалитетом; сначала те, у кого меньше открытых вопросов.
cst-pick-none = Других методистов, которые работают с этим муниципалитетом, нет. Пригласите методиста в «🔑 Роли и приглашения».
cst-btn-methodist = { $name } — { $count ->
        [one] { $count } открытый вопрос
        [few] { $count } открытых вопроса
       *[many] { $count } открытых вопросов
    }
cst-moved = ✅ Вопрос №{ $id } передан: { $name }. У нового методиста новый срок ответа; педагогу и прежнему методисту отправлено сообщение.

cst-not-found = Этот вопрос не найден или вам недоступен.
cst-closed = Этот вопрос уже закрыт — передавать нечего.
cst-moved-meanwhile = Пока вы выбирали, вопрос уже передали другому методисту. Откройте его снова.
cst-not-a-choice = Этот методист не может взять вопрос: он не работает с этим муниципалитетом или уже ведёт этот вопрос.

cst-notice-remind = ⏰ Напоминаю: вопрос №{ $id } ({ $topic }) от педагога { $teacher } ждёт первого ответа. Срок — { $due }.
cst-notice-overdue = ⚠️ Вопрос №{ $id } ({ $topic }, { $place }) просрочен: педагог { $teacher } ждёт ответа от методиста { $methodist } дольше срока. Можно передать вопрос другому методисту.
cst-notice-unrouted = ⚠️ Вопрос №{ $id } ({ $topic }, { $place }) от педагога { $teacher } некому передать: нет методиста для этого муниципалитета и предмета. Выберите методиста.
cst-notice-passed-to-you = 📨 Вам передан вопрос №{ $id } педагога { $teacher }.
    Тема: { $topic }. Предмет: { $subject }.
    Первый ответ нужен до { $due }.
cst-notice-passed-on = Вопрос №{ $id } ({ $topic }) педагога { $teacher } передан другому методисту. Отвечать на него больше не нужно.
cst-notice-moved = На ваш вопрос ({ $topic }) теперь ответит другой методист. Ответ придёт сюда же, в этот чат.

cst-report-title = <b>📊 Консультации: сроки и оценки</b>
cst-report-period-month = За этот месяц, с { $since }
cst-report-period-year = За учебный год, с { $since }
cst-report-asked = Задано вопросов: { $count }, открыто сейчас: { $open }, с первым ответом: { $answered }
cst-report-median = Первый ответ, медиана: { $hours } часа
cst-report-p90 = Первый ответ, 90-й процентиль: { $hours } часа
cst-report-within = Ответили в срок (2 рабочих дня): { $share }% ({ $within } из { $judged })
cst-report-rating = Средняя оценка: { $mean } (оценок: { $count })
cst-report-no-rating = Оценок пока нет.
cst-report-by-topic = <b>По темам</b> (задано, с ответом, медиана, в срок):
cst-report-by-place = <b>По муниципалитетам</b>:
cst-report-group = • { $label }: { $asked }, { $answered }, { $median } часа, { $share }%
cst-report-group-unanswered = • { $label }: { $asked }, ответов пока нет
cst-report-no-answers = Первых ответов за этот период пока нет.
cst-report-more = …и ещё муниципалитетов: { $count } — в таблице Excel.
cst-report-how = Время до первого ответа считается в календарных часах (ночи и выходные тоже). В срок — первый ответ до 18:00 второго рабочего дня после дня вопроса, по производственному календарю; в долю входят отвеченные вопросы и те, чей срок уже прошёл.
cst-place-unknown = муниципалитет не указан
cst-xlsx-caption = 📥 Консультации: сроки и оценки

cst-x-sheet-summary = Сводка
cst-x-sheet-topics = По темам
cst-x-sheet-places = По муниципалитетам
cst-x-sheet-questions = Вопросы
cst-x-sheet-how = Как считается
cst-x-period = Период
cst-x-period-month = этот месяц
cst-x-period-year = учебный год
cst-x-since = С
cst-x-until = По
cst-x-asked = Задано вопросов
cst-x-open = Открыто сейчас
cst-x-answered = С первым ответом
cst-x-median = Первый ответ, медиана, часов
cst-x-p90 = Первый ответ, 90-й процентиль, часов
cst-x-within = Ответили в срок
cst-x-judged = Учтено в доле
cst-x-within-share = Доля в срок, %
cst-x-rated = Оценок
cst-x-mean = Средняя оценка
cst-x-stars = Оценка { $stars }
cst-x-col-topic = Тема
cst-x-col-place = Муниципалитет
cst-x-col-asked = Задано
cst-x-col-answered = С ответом
cst-x-col-within = В срок
cst-x-col-judged = Учтено в доле
cst-x-col-share = Доля в срок, %
cst-x-col-median = Медиана, часов
cst-x-col-id = №
cst-x-col-when = Задан
cst-x-col-subject = Предмет
cst-x-col-status = Состояние
cst-x-col-first = Первый ответ
cst-x-col-hours = Часов до первого ответа
cst-x-col-due = Срок по рабочему календарю
cst-x-col-in-time = В срок
cst-x-col-rating = Оценка
cst-x-status-open = открыт
cst-x-status-closed = закрыт
cst-x-yes = да
cst-x-no = нет
cst-x-how-1 = В отчёт входят вопросы, заданные в выбранный период (с первого числа месяца или с 1 сентября), в муниципалитете, за который вы отвечаете.
cst-x-how-2 = Время до первого ответа — от вопроса до первого ответа методиста, в календарных часах: ночи, выходные и праздники тоже считаются.
cst-x-how-3 = Медиана — середина ряда времён ответа (при чётном числе — среднее двух средних значений).
cst-x-how-4 = 90-й процентиль — наименьшее время, в которое уложились не меньше 90% отвеченных вопросов (по ближайшему рангу).
cst-x-how-5 = Срок — до 18:00 второго рабочего дня после дня вопроса (сам день вопроса не считается), по производственному календарю России и времени муниципалитета.
cst-x-how-6 = Доля в срок — отвеченные не позже срока, делённые на вопросы с ответом и вопросы без ответа, чей срок уже прошёл. Вопрос без ответа, у которого срок ещё не наступил, в долю не входит.
cst-x-how-7 = Средняя оценка и распределение — по оценкам педагогов от 1 до 5 после закрытия вопроса; вопросы без оценки не входят.
