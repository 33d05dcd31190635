# A time zone as people say it, after a time: "15:00 Moscow time".
zone-moscow = Moscow time
zone-local = local time (Moscow{ $offset })
