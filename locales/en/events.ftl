## Broadcasts

bc-progress = 📣 <b>Sending</b>
    { $bar } { $percent }%
    Delivered: { $sent } · not delivered: { $failed } · queued: { $pending } (of { $total })
bc-progress-done = ✅ <b>Sending finished</b>
    Delivered: { $sent } · not delivered: { $failed } (of { $total })
bc-progress-stopped = ⏹ <b>Sending stopped</b>
    Delivered: { $sent } · not delivered: { $failed } · not sent: { $cancelled } (of { $total })
bc-btn-stop = ⏹ Stop sending
bc-stopped = Sending stopped: { $count } were still queued.
bc-not-yours = This broadcast is not available to you.
