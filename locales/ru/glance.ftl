# Part 9, screens at a glance: times in files, area names in the diagnosis history.

# A column of times in a spreadsheet: «Открыта, по московскому времени».
sheet-zoned = { $title }, { $zone }
es-col-when = Начало, { $zone }

# The diagnosis history: each area by name, its level at each attempt.
diag-history-dates = Прохождения, от первого к последнему: { $dates }
diag-history-date = Пройдена { $dates }
diag-history-legend = 🔴 высокий дефицит · 🟡 средний · 🟢 низкий · ⚪ нет данных
