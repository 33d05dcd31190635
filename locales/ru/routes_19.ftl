## Что изменилось в маршруте после возврата (для методиста)

changes-title = <b>🔄 Что изменилось после возврата:</b>
changes-none = 🔄 После возврата маршрут не менялся: он прислан снова без правок.
changes-goal = 🎯 Новая цель: «{ $goal }»
changes-added = ➕ Новый шаг: «{ $title }» ({ $form }, { $dates })
changes-removed = 🗑 Удалён шаг: «{ $title }»
changes-step = { $mark } «{ $title }»: { $what }
changes-part-renamed = новое название (было «{ $before }»)
changes-part-form = форма «{ $before }» → «{ $after }»
changes-part-dates = сроки { $before } → { $after }
changes-part-status = теперь { $status }
changes-part-dropped = не будет выполнен — { $reason }
changes-part-evidence = { $count ->
    [one] { $count } новое подтверждение
    [few] { $count } новых подтверждения
   *[other] { $count } новых подтверждений
}
changes-no-dates = без сроков
changes-more = { $count ->
    [one] …и ещё { $count } изменение — всё видно в маршруте.
    [few] …и ещё { $count } изменения — всё видно в маршруте.
   *[other] …и ещё { $count } изменений — всё видно в маршруте.
}
