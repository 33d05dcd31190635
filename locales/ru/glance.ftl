# Part 9, screens at a glance: times in files, area names in the diagnosis history.

# A column of times in a spreadsheet: «Открыта, по московскому времени».
sheet-zoned = { $title }, { $zone }
es-col-when = Начало, { $zone }
