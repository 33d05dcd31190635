# Part 11: contests with results, contests held elsewhere, target groups, confirmations.

menu-confirmations = ✅ Подтверждения
menu-about-confirmations = конкурсы, в которых педагоги участвовали вне бота, и группы детей, с которыми они работают: подтвердить или отклонить.

ct-result-winner = победитель
ct-result-prize = призёр
ct-result-laureate = лауреат
ct-result-participant = участник
ct-status-pending = ждёт подтверждения
ct-status-confirmed = подтверждено
ct-status-rejected = отклонено
ct-level-school = Школьный
ct-level-municipal = Муниципальный
ct-level-regional = Региональный
ct-level-federal = Всероссийский

ct-stages-title = <b>Этапы конкурса:</b>
ct-stages-none = Этапы пока не добавлены.
ct-your-result = 🏆 Ваш итог: <b>{ $result }</b>
ct-btn-materials = 📎 Материалы заявки
ct-btn-consult = 💬 Консультация перед конкурсом
ct-btn-experience = 🎤 Представить опыт: шаг в маршрут
ct-btn-mine = 🏆 Мои конкурсы
ct-btn-done = ✅ Готово
ct-btn-abort = ✖️ Отмена
ct-btn-record = ➕ Конкурс вне бота
ct-btn-write = ✉️ Написать педагогу

ct-materials-title = 📎 Материалы заявки на конкурс «{ $title }»
ct-materials-none = Пока ничего не приложено.
ct-materials-hint = Пришлите файл или ссылку (например, на видео урока) — я добавлю к заявке. Когда всё приложите, нажмите «Готово».
ct-material-file = файл
ct-material-photo = фото
ct-material-not-link = Пришлите файл или одну ссылку, которая начинается с https://
ct-material-full = К заявке уже приложено 10 материалов — больше не поместится.
ct-not-registered = Сначала запишитесь на конкурс.
ct-not-contest = Это не конкурс.
ct-gone = Этой записи уже нет.
ct-stale = Эта кнопка устарела. Откройте раздел заново.
ct-not-yours = Эта запись не из вашего списка.
ct-need-text = Напишите ответ текстом.
ct-need-buttons = Выберите ответ кнопкой выше.

ct-consult-sent = Я передал вашу просьбу о консультации: { $name }. С вами свяжутся в Telegram.
ct-consult-already = Просьба о консультации уже отправлена.
ct-consult-nobody = У вас пока нет методиста или наставника. Методиста назначают в разделе «Мой маршрут (ИОМ)».
ct-consult-to-methodist = 💬 Педагог <b>{ $name }</b> готовится к конкурсу «{ $title }» и просит консультацию методиста.
ct-consult-to-mentor = 💬 Ваш наставляемый <b>{ $name }</b> готовится к конкурсу «{ $title }» и просит консультацию.
ct-no-result = Итоги конкурса для вас ещё не подведены.
ct-exp-added = Шаг «Представление опыта» добавлен в ваш маршрут.
ct-exp-already = Этот шаг уже есть в вашем маршруте.
ct-result-told = 🏆 Итоги конкурса «{ $title }»: вы — <b>{ $result }</b>. Поздравляю!
    Поделитесь опытом с коллегами: добавьте в маршрут шаг «Представление опыта».

ct-mine-title = <b>🏆 Мои конкурсы</b>
ct-mine-empty = Пока нет итогов конкурсов. Если вы участвовали в конкурсе вне бота, запишите его с дипломом — методист подтвердит.
ct-mine-records = <b>Конкурсы вне бота:</b>
ct-record-title = Как называется конкурс? Напишите название одной строкой.
ct-record-title-empty = Напишите название конкурса текстом.
ct-record-title-long = Название длинновато: уложитесь в 200 знаков.
ct-record-level = Какого уровня был конкурс?
ct-record-day = Когда он прошёл (или подвели итоги)? Напишите дату, например 15.11.2026.
ct-record-day-bad = Не получилось прочитать дату. Напишите так: 15.11.2026.
ct-record-day-future = Эта дата ещё не наступила или слишком давняя. Напишите дату, когда конкурс прошёл.
ct-record-result = Какой у вас итог?
ct-record-diploma = Пришлите диплом или сертификат: файлом или фотографией.
ct-record-diploma-bad = Нужен файл или фотография диплома.
ct-record-saved = Записал. Методист проверит диплом и подтвердит участие.
ct-record-confirmed = ✅ Методист подтвердил ваше участие в конкурсе «{ $title }».
ct-record-rejected = Методист не подтвердил участие в конкурсе «{ $title }». Если это ошибка, запишите конкурс заново с понятным фото диплома.

ct-btn-staff = 🏆 Этапы и итоги конкурса
ct-staff-title = <b>🏆 Конкурс «{ $title }»</b>
ct-staff-people = Участников: { $count }, с итогами: { $results }.
ct-btn-stage = ➕ Этап
ct-btn-people = 👥 Участники и итоги
ct-btn-file = 📄 Файл участников (Excel)
ct-btn-import = 📥 Загрузить итоги из файла
ct-stage-pick = Какой этап добавить?
ct-stage-applications = Приём заявок
ct-stage-distance = Заочный этап
ct-stage-final = Очный этап
ct-stage-results = Подведение итогов
ct-stage-dates = Этап «{ $title }»: напишите дату или даты, например 10.12.2026 или 10.12.2026 – 20.12.2026.
ct-stage-format = Не получилось прочитать даты. Напишите так: 10.12.2026 – 20.12.2026.
ct-stage-order = Конец этапа раньше начала. Проверьте даты.
ct-stage-full = У конкурса уже 12 этапов.
ct-people-title = <b>👥 Участники конкурса «{ $title }»: { $count }</b>
ct-people-none = Пока никто не записался.
ct-people-hint = Нажмите на участника, чтобы поставить итог. Участник узнает о нём сразу.
ct-pick = Итог для участника <b>{ $name }</b>:
ct-result-saved = Итог сохранён.
ct-col-code = Код
ct-col-name = ФИО
ct-col-school = Школа
ct-col-result = Итог
ct-col-materials = Материалов
ct-file-caption = Участники конкурса. Впишите итоги в столбец «Итог» (победитель, призёр, лауреат, участник), код не меняйте, и пришлите файл обратно.
ct-import-prompt = Пришлите файл с итогами (CSV или Excel). Столбцы: «Код» (из файла участников) или «ФИО» и «Школа», и «Итог». Сначала я покажу, что нашлось, и только потом сохраню.
ct-import-need-file = Пришлите файл CSV или Excel (.xlsx).
ct-import-header = В первой строке файла нужны заголовки: «Код» или «ФИО», и «Итог».
ct-import-refused-kind = Я читаю только CSV и Excel (.xlsx).
ct-import-refused-too-big = Файл больше 2 МБ — для итогов это слишком много.
ct-import-refused-not-text = Файл не похож на таблицу CSV.
ct-import-refused-broken = Файл не открывается. Сохраните его заново как CSV или .xlsx.
ct-import-refused-too-many-rows = В файле слишком много строк.
ct-import-refused-too-slow = Файл читается слишком долго. Сохраните его заново как CSV.
ct-preview-title = <b>Что нашлось в файле</b>: совпали { $matched }, не совпали { $unmatched }.
ct-unmatched-unknown = нет среди участников
ct-unmatched-ambiguous = несколько участников с таким именем: укажите школу или код
ct-unmatched-result = не понял итог
ct-unmatched-twice = этот участник уже есть выше
ct-btn-apply = ✅ Сохранить итоги ({ $count })
ct-applied = Сохранено. Изменилось: { $changed }, без изменений: { $same }. Участники узнают свои итоги.

cf-title = <b>✅ Подтверждения</b>
cf-empty = Сейчас ничего не ждёт подтверждения.
cf-records = Конкурсы вне бота: { $count }. Откройте, чтобы посмотреть диплом.
cf-groups = Группы детей, с которыми работают педагоги: { $count }
cf-record = Педагог: <b>{ $name }</b>
    Конкурс: { $title }
    Уровень: { $level }
    Дата: { $day }
    Итог: { $result }
    Статус: { $status }
    Диплом пришлю следующим сообщением.
cf-btn-yes = ✅ Подтвердить
cf-btn-no = ✖️ Отклонить
cf-btn-open = ✅ Открыть подтверждения
cf-to-review = 🏆 Педагог <b>{ $name }</b> записал участие в конкурсе «{ $title }» и ждёт вашего подтверждения.
ct-review-confirmed = Подтверждено.
ct-review-rejected = Отклонено.
ct-review-already = Это уже решено.

tg-btn-profile = 🎯 С кем я работаю
tg-title = <b>🎯 С какими группами детей вы работаете?</b>
tg-hint = Отметьте нужные — методическая служба подтвердит. Так вас не пропустят, когда будут приглашать на мероприятия для этих групп.
tg-shnor-school = Ваша школа отмечена в справочнике как школа с низкими результатами (ШНОР): эта группа засчитана вам автоматически.
tg-group-shnor = Школа с низкими результатами (ШНОР)
tg-group-gifted = Одарённые дети
tg-group-ovz = Дети с ОВЗ
tg-group-migrant = Дети мигрантов
tg-confirmed = ✅ Методическая служба подтвердила: вы работаете с группой «{ $group }».
tg-rejected = Методическая служба не подтвердила группу «{ $group }». Если это ошибка, отметьте её в профиле ещё раз.
tg-aud-groups = группы: { $names }
tg-aud-btn-groups = 🎯 Группы детей
es-opt-groups = Педагогам, которые работают с… Ничего не выбрано — всем.
