## ИОМ в виде документа DOCX (для папки педагога в школе)

doc-title = Индивидуальный образовательный маршрут педагога
doc-file-author = Бот «Методист»

doc-teacher-name = ФИО
doc-teacher-municipality = Муниципалитет
doc-teacher-school = Образовательная организация
doc-teacher-position = Должность
doc-teacher-subjects = Предметы
doc-teacher-category = Квалификационная категория
doc-teacher-experience = Педагогический стаж

doc-period = Период реализации:
doc-goal = Цель маршрута:
doc-status = Статус маршрута:

doc-basis = Основание: результаты самодиагностики профессиональных дефицитов от { $date }
doc-basis-undated = Основание: результаты самодиагностики профессиональных дефицитов
doc-basis-none = Маршрут составлен без опоры на результаты диагностики профессиональных дефицитов.
doc-basis-item = { $area } — { $level }

doc-steps = Мероприятия маршрута
doc-steps-none = Мероприятия в маршрут пока не включены.
doc-col-number = №
doc-col-form = Форма
doc-col-content = Содержание
doc-col-area = Область компетенций
doc-col-period = Сроки
doc-col-status = Статус
doc-col-evidence = Подтверждение
doc-step-comment = Комментарий методиста:

doc-progress = Выполнено мероприятий: { $progress }
doc-approved = Согласовано методистом: { $approval }
doc-not-approved = Маршрут ещё не согласован методистом.
doc-comment = Комментарий методиста:

doc-sign-teacher = Педагог ____________________ / ____________________________
doc-sign-methodist = Методист ____________________ / ____________________________
doc-generated = Сформировано в боте «Методист» { $date }
