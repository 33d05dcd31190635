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
