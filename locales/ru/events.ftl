## Рассылки

bc-progress = 📣 <b>Рассылка идёт</b>
    { $bar } { $percent }%
    Доставлено: { $sent } · не доставлено: { $failed } · в очереди: { $pending } (из { $total })
bc-progress-done = ✅ <b>Рассылка завершена</b>
    Доставлено: { $sent } · не доставлено: { $failed } (из { $total })
bc-progress-stopped = ⏹ <b>Рассылка остановлена</b>
    Доставлено: { $sent } · не доставлено: { $failed } · не отправлено: { $cancelled } (из { $total })
bc-btn-stop = ⏹ Остановить рассылку
bc-stopped = Рассылка остановлена: в очереди оставалось { $count }.
bc-not-yours = Эта рассылка вам не доступна.

## Мероприятия

ev-kind-seminar = Семинар
ev-kind-webinar = Вебинар
ev-kind-conference = Конференция
ev-kind-masterclass = Мастер-класс
ev-kind-roundtable = Круглый стол
ev-kind-internship = Стажировка
ev-kind-course = Курсы повышения квалификации
ev-kind-contest = Конкурс профмастерства
ev-kind-grant = Грант
ev-kind-other = Другое
ev-level-school = школьный уровень
ev-level-municipal = муниципальный уровень
ev-level-regional = региональный уровень
ev-level-federal = федеральный уровень

ev-announce-head = { $mark } { $kind } · { $level }
ev-when = 🗓 { $when } { $zone }
ev-until = ⏱ до { $when }
ev-place = 📍 { $place }
ev-link = 🔗 { $link }
ev-deadline = ✍️ Запись до { $when }
ev-capacity = 👥 Мест: { $capacity }
ev-btn-register = ✅ Записаться
ev-btn-more = ℹ️ Подробнее
ev-btn-waitlist = ⏳ Встать в лист ожидания
ev-btn-unregister = ❌ Отменить запись
ev-btn-ics = 📅 Добавить в календарь
ev-btn-route = 🧭 Добавить в мой ИОМ
ev-btn-file = 📎 Материалы
ev-btn-all = Все мероприятия
ev-btn-mine = 📋 Мои записи
ev-btn-digest-off = 🔕 Не присылать подборку

ev-list-title = <b>📅 Мероприятия для вас</b>
ev-list-filter = Показаны: { $kind }
ev-list-empty = Пока нет предстоящих мероприятий для вас. Я напишу, когда появятся.
ev-list-line = { $mark } { $when } — { $title }
ev-mine-title = <b>📋 Мои записи</b>
ev-mine-empty = Вы пока никуда не записаны.
ev-seats = Записалось: { $taken } из { $capacity }
ev-you-registered = ✅ Вы записаны. Напомню за день и за час до начала.
ev-you-waiting = ⏳ Вы в листе ожидания. Если место освободится — я сразу напишу.
ev-closed = Запись уже закрыта.
ev-started = Мероприятие уже началось или прошло.
ev-full = Мест нет — можно встать в лист ожидания.
ev-cancelled = ❌ Мероприятие отменено.
ev-not-for-you = Это мероприятие вам недоступно.

ev-reg-registered = Вы записаны! Файл для календаря — ниже.
ev-reg-waitlist = Мест нет — вы в листе ожидания.
ev-reg-already = Вы уже записаны.
ev-reg-closed = Запись закрыта: срок прошёл.
ev-reg-started = Мероприятие уже началось.
ev-reg-cancelled = Мероприятие отменено.
ev-unregistered = Запись отменена.
ev-promoted = 🎉 Освободилось место: вы записаны на «{ $title }»!
ev-ics-caption = 📅 Откройте файл — мероприятие добавится в календарь телефона.
ev-route-added = Добавлено в ваш ИОМ.
ev-route-already = Это мероприятие уже в вашем ИОМ.
ev-route-none = Сначала постройте маршрут в разделе «Мой маршрут (ИОМ)».

ev-remind-day = ⏰ Завтра: <b>{ $title }</b>
    🗓 { $when } { $zone }
ev-remind-hour = ⏰ Через час: <b>{ $title }</b>
    🗓 { $when } { $zone }
ev-feedback-prompt = Как прошло «{ $title }»? Оцените, пожалуйста, — это помогает сделать следующие мероприятия лучше.
ev-thanks = Спасибо за отзыв!
ev-rate-not-yet = Оценить мероприятие можно после окончания.
ev-changed = ✏️ <b>Изменения в мероприятии, на которое вы записаны</b>
ev-cancel-notice = ❌ Мероприятие «{ $title }» ({ $when }) отменено. Приносим извинения.
ev-digest-title = <b>📅 Подборка на ближайшие две недели</b>
ev-digest-off-hint = Подборка приходит раз в неделю. Отключить — кнопкой ниже.
ev-digest-off-done = Хорошо, подборку больше не присылаю. Мероприятия по-прежнему в разделе «Мероприятия».

## Мероприятия: методическая служба

es-title = <b>📣 Анонсы и объявления</b>
es-none = Мероприятий пока нет.
es-btn-new = ➕ Новое мероприятие
es-status-draft = черновик
es-status-scheduled = запланировано
es-status-published = опубликовано
es-status-cancelled = отменено
es-status-mark-draft = 📝
es-status-mark-scheduled = 🕒
es-status-mark-published = 📣
es-status-mark-cancelled = ❌
es-kind-prompt = ➕ <b>Новое мероприятие</b>

    Что это будет?
es-level-prompt = Какого уровня?
es-title-prompt = Напишите название — так его увидят педагоги.
es-title-bad = Название — от 3 до { $max } знаков.
es-description-prompt = Коротко опишите: для кого, о чём, что получат участники.
es-too-long = Слишком длинно — до { $max } знаков.
es-start-prompt = Когда начало? Напишите дату и время { $zone }, например: 25.12.2026 15:00
es-date-bad = Не получилось разобрать дату. Напишите так: 25.12.2026 15:00
es-date-past = Это время уже прошло — укажите будущее.
es-length-prompt = Сколько длится? Или напишите дату и время окончания.
es-length = { $hours } ч
es-length-none = Не указывать
es-end-before = Окончание должно быть позже начала.
es-place-prompt = Где? Адрес или ссылка на трансляцию.
es-place-bad = Напишите место одной строкой: адрес или ссылку (https://…), без переносов и лишних знаков.
es-control-bad = В тексте есть невидимые служебные знаки — наберите его заново, пожалуйста.
es-deadline-prompt = До какого момента можно записаться? Выберите или напишите дату и время.
es-deadline-day = За сутки до начала
es-deadline-none = До самого начала
es-deadline-bad = Срок записи — в будущем и не позже начала.
es-capacity-prompt = Сколько мест? Выберите или напишите число.
es-capacity-none = Без ограничений
es-capacity-bad = Напишите число мест, например 25.
es-media-prompt = Можно приложить картинку-афишу или файл (положение, программу).
es-media-bad = Сюда подойдёт картинка или файл — или выберите кнопку под сообщением.
es-aud-title = <b>👥 Кому отправить</b>
es-aud-everyone = все педагоги
es-aud-roles = роли: { $roles }
es-aud-municipalities = муниципалитеты: { $names }
es-aud-subjects = предметы: { $names }
es-aud-young = только молодые специалисты
es-aud-areas = с дефицитом: { $names }
es-aud-count = Получат: <b>{ $count }</b>
es-no-reach = В вашем профиле не указаны предметы, поэтому мероприятие никому не уйдёт: методист пишет учителям своих предметов. Добавьте предметы в /profile.
es-aud-btn-roles = 👤 Роли
es-aud-btn-municipalities = 🏙 Муниципалитеты
es-aud-btn-subjects = 📚 Предметы
es-aud-btn-areas = 📊 Дефициты
es-aud-btn-young = 🌱 Только молодые специалисты
es-opt-roles = Кому по роли? Ничего не выбрано — всем.
es-opt-municipalities = Каким муниципалитетам? Ничего не выбрано — всем.
es-opt-subjects = Учителям каких предметов? Ничего не выбрано — всем.
es-opt-areas = Тем, у кого дефицит в области… Ничего не выбрано — всем.
es-btn-done = ✅ Готово
es-btn-preview = 👁 Посмотреть, как увидят педагоги
es-preview-title = Так сообщение увидят педагоги. Получат: <b>{ $count }</b>.
es-preview-image = 🖼 С картинкой-афишей.
es-btn-publish = 🚀 Опубликовать сейчас ({ $count })
es-btn-schedule = 🕒 Запланировать
es-btn-urgent = ⚡ Срочно (не ждать утра)
es-btn-delete-draft = 🗑 Удалить черновик
es-schedule-prompt = Когда опубликовать? Напишите дату и время { $zone }, например: 20.12.2026 10:00
es-published = Опубликовано: получат { $count }.
es-published-already = Это мероприятие уже опубликовано или отменено.
es-not-published = Изменять можно опубликованное мероприятие.
es-dropped = Черновик удалён.
es-not-yours = Это мероприятие вам недоступно.
es-card-title = <b>Мероприятие</b> · { $status }
es-card-regs = Записались: { $registered } · в листе ожидания: { $waitlist } · пришли: { $attended }
es-card-rating = Средняя оценка: { $rating }
es-card-scheduled = Публикация: { $when }
es-card-delivery = Рассылка: доставлено { $sent }, не доставлено { $failed }, в очереди { $pending } (из { $total })
es-btn-people = 👥 Записавшиеся и посещение
es-btn-edit = ✏️ Изменить
es-btn-cancel-event = ❌ Отменить мероприятие
es-btn-xlsx = 📥 Выгрузить в Excel
es-people-title = <b>👥 Записались</b> ({ $count })
es-people-hint = Нажмите на имя, чтобы отметить присутствие.
es-people-later = Отметить присутствие можно после окончания мероприятия.
es-attend-not-yet = Посещение отмечают после окончания мероприятия.
es-edit-prompt = Что изменить? Записавшиеся получат уведомление.
es-edit-title = Название
es-edit-description = Описание
es-edit-start = Дату и время
es-edit-place = Место или ссылку
es-edit-bad = Не получилось: проверьте, что написано (дата — в будущем, так: 25.12.2026 15:00).
es-edited = ✏️ Сохранено. Записавшихся уведомляю: { $count }.
es-cancelled = Мероприятие отменено, уведомляю записавшихся: { $count }.
es-xlsx-caption = 📥 Записавшиеся, посещение, отзывы и доставка рассылки.
es-sheet-people = Записавшиеся
es-sheet-delivery = Рассылка
es-col-name = ФИО
es-col-municipality = Муниципалитет
es-col-school = Школа
es-col-status = Статус
es-col-attended = Присутствие
es-col-rating = Оценка
es-col-feedback = Отзыв
es-col-event = Мероприятие
es-col-total = Всего
es-col-sent = Доставлено
es-col-failed = Ошибка
es-col-blocked = Заблокировали бота
es-col-pending = В очереди
es-reg-registered = в списке
es-reg-waitlist = в листе ожидания
es-reg-cancelled = запись отменена
