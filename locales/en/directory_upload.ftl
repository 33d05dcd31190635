## Loading the directory of municipalities and schools from a file (admins)

dirup-btn-upload = 📥 Load the directory
dirup-btn-sample = 📄 Current directory as a file
dirup-btn-directory = 🏫 Back to the directory
dirup-btn-apply = ✅ Apply

dirup-hint-admin = To load your own directory, press “📥 Load the directory” and send a CSV or Excel file. Before anything changes, I show you what will.
dirup-hint-staff = A new directory is loaded by the bot's administrator.
dirup-admins-only = Only the bot's administrator can load the directory.

dirup-prompt =
    <b>📥 Loading the directory</b>
    Send a CSV or Excel (.xlsx) file up to { $limit } MB, one school per row. The first row holds the column names:
    <code>{ $columns }</code>
    For a municipality without schools, leave the last three columns empty. Time zones are written like Europe/Moscow, Asia/Yekaterinburg.

    The easiest way: take the current directory as a file, edit it and send it back.

    Before anything changes, I show you what will. Schools and municipalities missing from the file are removed unless a profile, a role or an invitation refers to them.
dirup-send-file = I'm waiting for the directory file: CSV or Excel (.xlsx). Attach it with the paperclip 📎 — or press “✖️ Cancel”.

dirup-sample-caption = 📄 The current directory: { $municipalities ->
        [one] { $municipalities } municipality
       *[other] { $municipalities } municipalities
    }, { $schools ->
        [one] { $schools } school
       *[other] { $schools } schools
    }. Edit it and send it back — I'll show you what will change.
dirup-sample-sent = The directory file is in the chat.
dirup-sheet-title = Directory

## A file not taken

dirup-rejected =
    <b>The file “{ $name }” was not taken.</b>
    { $reason }

    Send a corrected file or press “✖️ Cancel”.
dirup-refused-wrong-type = I read the directory from CSV (.csv) and Excel (.xlsx) files. Save an old Excel file (.xls) as .xlsx: File → Save As.
dirup-refused-too-big = The file is { $size } KB; at most { $limit } KB is allowed.
dirup-refused-too-big-unpacked = The spreadsheet inside the file is too large (over { $limit } MB). Keep only the directory in the file.
dirup-refused-not-text = The file can't be read as CSV text. Save the table as “CSV UTF-8” or send an Excel file (.xlsx).
dirup-refused-too-many-rows = The file has more than { $limit } rows — no region has that many schools. Check that the file holds only the directory.
dirup-refused-broken = The file is damaged or is not a table. Open it in Excel and save it again — as .xlsx or as “CSV UTF-8”.
dirup-refused-too-slow = Checking the file took over { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    } and was stopped. Check that the file holds only the directory.
dirup-refused-no-rows = Not a single row fits — { $count ->
        [one] { $count } row with an error
       *[other] { $count } rows with errors
    }:

## Errors in rows

dirup-problem-line = Row { $line }: { $what }.
dirup-problem-missing-columns = columns { $columns } are missing. The first row of the file must hold the column names — the current directory is the easiest template
dirup-problem-school-repeats = school code “{ $code }” appeared above already
dirup-problem-municipality-differs = the municipality with code “{ $code }” has a different name or time zone than in a row above
dirup-issue-empty = the column { $column } is empty
dirup-issue-too-short = the value “{ $value }” in the column { $column } is too short — at least { $limit ->
        [one] { $limit } character
       *[other] { $limit } characters
    } are needed
dirup-issue-too-long = the column { $column } holds more than { $limit ->
        [one] { $limit } character
       *[other] { $limit } characters
    }
dirup-issue-bad-timezone = I don't know the time zone “{ $value }” (write it like Europe/Moscow)
dirup-column-municipality_code = “municipality code” (municipality_code)
dirup-column-municipality_name = “municipality” (municipality_name)
dirup-column-timezone = “time zone” (timezone)
dirup-column-school_code = “school code” (school_code)
dirup-column-school_name = “full school name” (school_name)
dirup-column-school_short_name = “short school name” (school_short_name)
dirup-more = …and { $count ->
        [one] { $count } more row
       *[other] { $count } more rows
    }.

## What will change

dirup-preview-head =
    <b>📥 The file “{ $name }” is checked</b>
    Rows with schools and municipalities: { $rows }, without errors: { $good }.
dirup-figures =
    <b>Municipalities:</b> to add — { $m_added }, to change — { $m_changed }, to remove — { $m_removed }.
    <b>Schools:</b> to add — { $s_added }, to change — { $s_changed }, to remove — { $s_removed }.
dirup-examples = For example:
dirup-ex-muni-added = ➕ municipality “{ $name }”
dirup-ex-muni-renamed = ✏️ municipality “{ $old }” → “{ $new }”
dirup-ex-muni-zone = 🕒 “{ $name }”: the time zone changes — { $old } → { $new }
dirup-ex-muni-removed = ➖ municipality “{ $name }”
dirup-ex-school-added = ➕ school “{ $name }” ({ $municipality })
dirup-ex-school-renamed = ✏️ school “{ $old }” → “{ $new }”
dirup-ex-school-moved = ↪️ school “{ $name }” moves to “{ $municipality }”
dirup-ex-school-full-name = ✏️ school “{ $name }”: the full name changes
dirup-ex-school-removed = ➖ school “{ $name }”
dirup-no-changes = The file matches the directory — nothing to change.
dirup-kept-in-use = Staying, though missing from the file: { $count } — profiles of teachers, roles or invitations refer to them.
dirup-problems = ⚠️ I'll skip { $count ->
        [one] { $count } row with an error
       *[other] { $count } rows with errors
    } and load the rest.
dirup-problems-keep = While the file has errors, I remove nothing: entries missing from it stay ({ $count }).
dirup-confirm = Apply these changes?
dirup-stale = ⚠️ While the file was waiting for confirmation, the directory changed. Here is what the file changes now.
dirup-stale-note = The directory changed after the file was checked. Below is what changes now: look and press “Apply” again.
dirup-gone = This check no longer applies: the file was applied or cancelled already.

## The result

dirup-applied =
    ✅ <b>The directory is updated.</b>
    <b>Municipalities:</b> added — { $m_added }, changed — { $m_changed }, removed — { $m_removed }.
    <b>Schools:</b> added — { $s_added }, changed — { $s_changed }, removed — { $s_removed }.
dirup-cancelled = Loading cancelled; the directory stays as it was.
