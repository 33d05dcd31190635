## Загрузка справочника муниципалитетов и школ файлом (администраторы)

dirup-btn-upload = 📥 Загрузить справочник
dirup-btn-sample = 📄 Текущий справочник файлом
dirup-btn-directory = 🏫 К справочнику
dirup-btn-apply = ✅ Применить

dirup-hint-admin = Чтобы загрузить свой справочник, нажмите «📥 Загрузить справочник» и пришлите файл CSV или Excel. Прежде чем что-то менять, я покажу, что изменится.
dirup-hint-staff = Новый справочник загружает администратор бота.
dirup-admins-only = Загружать справочник может только администратор бота.

dirup-prompt =
    <b>📥 Загрузка справочника</b>
    Пришлите файл CSV или Excel (.xlsx) до { $limit } МБ: одна строка — одна школа. В первой строке — названия столбцов:
    <code>{ $columns }</code>
    У муниципалитета без школ три последних столбца остаются пустыми. Часовой пояс пишется так: Europe/Moscow, Asia/Yekaterinburg.

    Проще всего взять текущий справочник файлом, поправить его и прислать обратно.

    Прежде чем что-то менять, я покажу, что изменится. Школы и муниципалитеты, которых нет в файле, удалятся, если на них не ссылается ни один профиль, роль или приглашение.
dirup-send-file = Жду файл со справочником: CSV или Excel (.xlsx). Прикрепите его скрепкой 📎 — или нажмите «✖️ Отмена».

dirup-sample-caption = 📄 Текущий справочник: { $municipalities ->
        [one] { $municipalities } муниципалитет
        [few] { $municipalities } муниципалитета
       *[many] { $municipalities } муниципалитетов
    }, { $schools ->
        [one] { $schools } школа
        [few] { $schools } школы
       *[many] { $schools } школ
    }. Поправьте его и пришлите обратно — я покажу, что изменится.
dirup-sample-sent = Файл со справочником — в чате.
dirup-sheet-title = Справочник

## Файл не принят

dirup-rejected =
    <b>Файл «{ $name }» не принят.</b>
    { $reason }

    Пришлите исправленный файл или нажмите «✖️ Отмена».
dirup-refused-wrong-type = Справочник я читаю из файлов CSV (.csv) и Excel (.xlsx). Файл старого Excel (.xls) сохраните как .xlsx: «Файл» → «Сохранить как».
dirup-refused-too-big = Файл весит { $size } КБ, а можно не больше { $limit } КБ.
dirup-refused-too-big-unpacked = Таблица внутри файла слишком большая (больше { $limit } МБ). Оставьте в файле только справочник.
dirup-refused-not-text = Не получается прочитать файл как текст CSV. Сохраните таблицу как «CSV UTF-8» или пришлите файл Excel (.xlsx).
dirup-refused-too-many-rows = В файле больше { $limit } строк — столько школ нет ни в одном регионе. Проверьте, что в файле только справочник.
dirup-refused-broken = Файл повреждён или это не таблица. Откройте его в Excel и сохраните заново — как .xlsx или как «CSV UTF-8».
dirup-refused-too-slow = Файл проверялся дольше { $seconds ->
        [one] { $seconds } секунды
       *[other] { $seconds } секунд
    } и проверку пришлось остановить. Проверьте, что в файле только справочник.
dirup-refused-no-rows = Ни одна строка не подошла — { $count ->
        [one] { $count } строка с ошибкой
        [few] { $count } строки с ошибками
       *[many] { $count } строк с ошибками
    }:

## Ошибки в строках

dirup-problem-line = Строка { $line }: { $what }.
dirup-problem-missing-columns = нет столбцов { $columns }. В первой строке файла должны быть названия столбцов — проще всего взять за образец текущий справочник
dirup-problem-school-repeats = код школы «{ $code }» уже встречался выше
dirup-problem-municipality-differs = у муниципалитета с кодом «{ $code }» другое название или часовой пояс, чем в строке выше
dirup-issue-empty = не заполнен столбец { $column }
dirup-issue-too-short = в столбце { $column } слишком короткое значение «{ $value }» — нужно не меньше { $limit ->
        [one] { $limit } знака
       *[other] { $limit } знаков
    }
dirup-issue-too-long = в столбце { $column } больше { $limit ->
        [one] { $limit } знака
       *[other] { $limit } знаков
    }
dirup-issue-bad-timezone = часовой пояс «{ $value }» мне неизвестен (пишется так: Europe/Moscow)
dirup-column-municipality_code = «код муниципалитета» (municipality_code)
dirup-column-municipality_name = «муниципалитет» (municipality_name)
dirup-column-timezone = «часовой пояс» (timezone)
dirup-column-school_code = «код школы» (school_code)
dirup-column-school_name = «полное название школы» (school_name)
dirup-column-school_short_name = «краткое название школы» (school_short_name)
dirup-more = …и ещё { $count ->
        [one] { $count } строка
        [few] { $count } строки
       *[many] { $count } строк
    }.

## Что изменится

dirup-preview-head =
    <b>📥 Файл «{ $name }» проверен</b>
    Строк со школами и муниципалитетами: { $rows }, без ошибок: { $good }.
dirup-figures =
    <b>Муниципалитеты:</b> добавятся — { $m_added }, изменятся — { $m_changed }, удалятся — { $m_removed }.
    <b>Школы:</b> добавятся — { $s_added }, изменятся — { $s_changed }, удалятся — { $s_removed }.
dirup-examples = Например:
dirup-ex-muni-added = ➕ муниципалитет «{ $name }»
dirup-ex-muni-renamed = ✏️ муниципалитет «{ $old }» → «{ $new }»
dirup-ex-muni-zone = 🕒 «{ $name }»: меняется часовой пояс — { $old } → { $new }
dirup-ex-muni-removed = ➖ муниципалитет «{ $name }»
dirup-ex-school-added = ➕ школа «{ $name }» ({ $municipality })
dirup-ex-school-renamed = ✏️ школа «{ $old }» → «{ $new }»
dirup-ex-school-moved = ↪️ школа «{ $name }» переходит в «{ $municipality }»
dirup-ex-school-full-name = ✏️ школа «{ $name }»: меняется полное название
dirup-ex-school-removed = ➖ школа «{ $name }»
dirup-no-changes = Файл совпадает со справочником — менять нечего.
dirup-kept-in-use = Останутся, хотя их нет в файле: { $count } — на них ссылаются профили педагогов, роли или приглашения.
dirup-problems = ⚠️ { $count ->
        [one] { $count } строку с ошибкой я пропущу
        [few] { $count } строки с ошибками я пропущу
       *[many] { $count } строк с ошибками я пропущу
    }, остальные загружу.
dirup-problems-keep = Пока в файле есть ошибки, я ничего не удаляю: записи, которых в нём нет, останутся ({ $count }).
dirup-confirm = Применить эти изменения?
dirup-stale = ⚠️ Пока файл ждал подтверждения, справочник изменился. Вот что файл изменит теперь.
dirup-stale-note = Справочник изменился после проверки файла. Ниже — что поменяется теперь: посмотрите и нажмите «Применить» ещё раз.
dirup-gone = Эта проверка больше не действует: файл уже применён или отменён.

## Итог

dirup-applied =
    ✅ <b>Справочник обновлён.</b>
    <b>Муниципалитеты:</b> добавлено — { $m_added }, изменено — { $m_changed }, удалено — { $m_removed }.
    <b>Школы:</b> добавлено — { $s_added }, изменено — { $s_changed }, удалено — { $s_removed }.
dirup-cancelled = Загрузка отменена, справочник остался прежним.
