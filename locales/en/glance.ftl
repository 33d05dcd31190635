# Part 9, screens at a glance: times in files, area names in the diagnosis history.

# A column of times in a spreadsheet: "Opens, Moscow time".
sheet-zoned = { $title }, { $zone }
es-col-when = Starts, { $zone }

# The diagnosis history: each area by name, its level at each attempt.
diag-history-dates = Attempts, first to last: { $dates }
diag-history-date = Taken on { $dates }
diag-history-legend = 🔴 high deficit · 🟡 medium · 🟢 low · ⚪ no data
