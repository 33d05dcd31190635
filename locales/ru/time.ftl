# A time zone as people say it, after a time: «15:00 по московскому времени».
zone-moscow = по московскому времени
zone-local = по местному времени (МСК{ $offset })
