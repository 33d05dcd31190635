## Диагностика: педагог

diag-list-title = <b>📊 Самодиагностика профессиональных дефицитов</b>
    Это не экзамен, а честный взгляд на свою работу: отметьте, насколько вы владеете каждым умением. Результаты видите вы и — если разрешите — ваш методист.
diag-list-item = <b>{ $title }</b> · около { $minutes ->
        [one] { $minutes } минуты
       *[other] { $minutes } минут
    } · { $count ->
        [one] { $count } утверждение
        [few] { $count } утверждения
       *[many] { $count } утверждений
    }
diag-list-last = Последний раз: { $date }
diag-list-due = Следующая диагностика — после { $date }
diag-list-due-now = ⏰ Пора пройти диагностику снова — так будет видно, что изменилось.
diag-list-empty = Пока нет доступных анкет.
diag-btn-start = 📝 { $title }
diag-btn-resume = ▶️ Продолжить: { $title } ({ $answered } из { $count })
diag-btn-last-result = 📈 Мой результат: { $title }
diag-btn-begin = ▶️ Начать
diag-btn-continue = ▶️ Продолжить
diag-btn-skip = Пропустить — ко мне не относится
diag-btn-later = ⏸ Продолжить позже
diag-btn-plan = 🧭 Построить ИОМ
diag-btn-history = 📜 История
diag-btn-share-on = 👁 Показывать результаты методисту
diag-btn-share-off = 🙈 Не показывать методисту
diag-btn-open-attempt = 📈 { $date }

diag-intro =
    <b>{ $title }</b>

    { $description }

    Около { $minutes ->
        [one] { $minutes } минуты
       *[other] { $minutes } минут
    }, { $count ->
        [one] { $count } утверждение
        [few] { $count } утверждения
       *[many] { $count } утверждений
    }. Для каждого выберите, насколько оно про вас:
    { $scale }

    Ответы сохраняются сразу — можно прерваться и вернуться позже.
diag-item = Утверждение { $number } из { $count } · <i>{ $area }</i>

    <b>{ $text }</b>
diag-item-optional = <i>Если это не про вашу работу, нажмите «Пропустить».</i>
diag-later = ⏸ Хорошо, ответы сохранены: { $answered } из { $count }. Продолжить «{ $title }» можно в любой момент — с того же утверждения.
diag-stale = Это утверждение уже позади — вот текущее.
diag-not-yours = Это не ваша анкета или результат — открыть их нельзя.
diag-gone = Эта анкета больше не доступна. Загляните в «📊 Мою диагностику» — там актуальный список.
diag-share-on = Хорошо: ваш методист увидит результаты.
diag-share-off = Хорошо: результаты видите только вы.

level-high = высокий дефицит
level-medium = средний дефицит
level-low = низкий дефицит
level-none = нет данных

diag-results-title = <b>📊 Результаты: { $title }</b> ({ $date })
diag-results-weakest = <b>Где сейчас нужнее всего поддержка:</b>
diag-results-rest = <b>Остальные области:</b>
diag-area-line = { $mark } { $area } — { $score }% · { $level }
diag-area-none = ⚪ { $area } — нет ответов
diag-results-changes = <b>Что изменилось с прошлого раза:</b>
diag-change-better = 📈 { $area }: дефицит снизился — был «{ $before }», стал «{ $after }»
diag-change-worse = 📉 { $area }: дефицит вырос — был «{ $before }», стал «{ $after }»
diag-change-same = ➖ { $area }: без изменений («{ $after }»)
diag-change-new = 🆕 { $area }: «{ $after }»
diag-results-legend = <i>Процент — доля от максимума по области. Ниже { $high }% — высокий дефицит, ниже { $medium }% — средний, от { $medium }% — низкий.</i>
diag-results-next = Следующую диагностику лучше пройти после { $date } — так будет видно, как изменились дефициты.
diag-chart-caption = Ваш профиль компетенций: чем ближе к краю, тем увереннее.
chart-now = Сейчас
chart-before = Раньше

diag-recs-title = <b>💡 Что поможет</b> — адресные рекомендации по самым дефицитным областям:
diag-recs-title-no-gaps = <b>🎉 Выраженных дефицитов нет.</b> Поделитесь опытом с коллегами — это тоже шаг вашего маршрута:
diag-recs-area = <b>{ $area }</b> ({ $level })
diag-recs-item = • <b>{ $form }:</b> { $title }{ $hours }
diag-recs-hours = { " " }({ $hours } ч)
diag-recs-none = 🎉 Выраженных дефицитов нет. Поделитесь опытом с коллегами — это тоже шаг вашего маршрута.
form-course = Курсы (КПК)
form-internship = Стажировка
form-consultation = Консультация
form-training = Тренинг
form-community = Профессиональное сообщество
form-experience = Представление опыта

diag-history-title = <b>📜 История: { $title }</b>
diag-history-line = { $area }: { $marks } — { $level }
diag-history-empty = Вы ещё не проходили эту анкету.

## Диагностика: сотрудники и методисты

stats-pick-questionnaire = Результаты какой анкеты показать?
stats-pick-scope = Для кого: весь регион или муниципалитет?
stats-pick-subject = Выберите предмет:
stats-pick-school = Выберите школу:
stats-region = весь регион
stats-title = <b>📊 { $title }</b>
    { $scope }
stats-diagnosed = Прошли диагностику: { $diagnosed } из { $teachers } ({ $share }%)
stats-area = <b>{ $area }</b>: 🔴 { $high } · 🟡 { $medium } · 🟢 { $low }
stats-btn-xlsx = 📥 Выгрузить в Excel
stats-btn-subject = 🔎 По предмету
stats-btn-school = 🏫 По школе
stats-xlsx-sent = Файл готов: { $count ->
        [one] { $count } педагог
        [few] { $count } педагога
       *[many] { $count } педагогов
    }.
stats-xlsx-caption = { $title }: результаты по педагогам ({ $count })
xlsx-name = ФИО
xlsx-municipality = Муниципалитет
xlsx-school = Школа
xlsx-subjects = Предметы
xlsx-date = Дата
xlsx-level = уровень
stats-out-of-scope = Эти данные — вне вашего муниципалитета.

upload-regional-only = Анкеты и каталог рекомендаций загружает и включает региональный центр или администратор. Если в анкете что-то нужно поправить, напишите им — файл можно просто переслать.
upload-too-big = ❌ Файл не принят: в нём { $size } КБ, а можно не больше { $limit } КБ. Ничего не изменилось.
upload-not-utf8 = ❌ Не получилось прочитать файл: сохраните его в кодировке UTF-8 и загрузите снова.
upload-aliases = ❌ Файл не принят: в строке { $line } есть якорь или ссылка YAML (знаки &amp; и *). Напишите текст целиком там, где он нужен. Ничего не изменилось.
upload-too-many-keys = ❌ Файл не принят: в строке { $line } начинается блок, где больше { $limit } полей, — в анкете столько не бывает. Проверьте файл.
upload-too-deep = ❌ Файл не принят: слишком глубокая вложенность. Проверьте отступы и скобки.
upload-too-many = ❌ Файл не принят: { $what ->
        [items] утверждений
        [areas] областей
        [scale] вариантов ответа
        [recommendations] рекомендаций
        [questions] вопросов
        [options] вариантов ответа
       *[other] записей
    } — { $count }, а можно не больше { $limit }. Ничего не изменилось.
upload-too-many-in = ❌ Файл не принят: { $where } — { $what ->
        [items] утверждений
        [areas] областей
        [scale] вариантов ответа
        [recommendations] рекомендаций
        [questions] вопросов
        [options] вариантов ответа
       *[other] записей
    } { $count }, а можно не больше { $limit }. Ничего не изменилось.
upload-too-slow = ❌ Проверка файла заняла больше { $seconds } с — он не принят, ничего не изменилось. Упростите файл или разделите анкету на части.
upload-check-failed = ❌ Не получилось проверить файл — он не принят, ничего не изменилось. Попробуйте ещё раз; если не выйдет, напишите администратору.
upload-invalid = ❌ Файл не принят, ничего не изменилось. Ошибки:
    { $errors }
upload-more-errors = …и ещё { $count }.
upload-same-version = ❌ Такая версия уже есть, но с другим текстом. Увеличьте номер версии (version) и загрузите снова.
upload-older-version = ❌ Сейчас действует более новая версия. Увеличьте номер версии (version) и загрузите снова.
upload-already-active = Эта версия уже действует — ничего не изменилось.
upload-preview-questionnaire = ✅ Файл проверен: анкета «{ $title }», версия { $version } — { $areas ->
        [one] { $areas } область
        [few] { $areas } области
       *[many] { $areas } областей
    }, { $items ->
        [one] { $items } утверждение
        [few] { $items } утверждения
       *[many] { $items } утверждений
    }.
    Включить её? Прежние результаты останутся привязаны к своей версии.
upload-preview-catalogue = ✅ Файл проверен: каталог рекомендаций, версия { $version } — { $areas ->
        [one] { $areas } область
        [few] { $areas } области
       *[many] { $areas } областей
    }, { $recs ->
        [one] { $recs } рекомендация
        [few] { $recs } рекомендации
       *[many] { $recs } рекомендаций
    }.
    Включить его?
upload-btn-activate = ✅ Включить
upload-activated = Готово: версия { $version } действует.
upload-dropped = Хорошо, ничего не меняю.
upload-gone = Эта загрузка уже не найдена — загрузите файл снова.

methodist-teachers = <b>🧑‍🏫 Мои педагоги</b> — { $count }. Здесь те, кто разрешил показывать вам результаты диагностики.
methodist-teachers-empty = Пока никто из педагогов не открыл вам результаты диагностики. Педагог может сделать это сам — кнопкой под своими результатами.
methodist-not-shared = Результаты этого педагога вам не открыты.
methodist-teacher-title = <b>{ $name }</b>
