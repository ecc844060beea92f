import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { Roles, SignedIn } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-actor.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import {
  calendarYearParam,
  officialYearBody,
  type CalendarYearDto,
  type OfficialCalendarYearDto,
  type OfficialYearBody,
  type OfficialYearSavedDto,
} from './calendar.dto';
import { CalendarService } from './calendar.service';

@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  /** Which years have holiday data, and from where (dates in other years are provisional). */
  @Get('years')
  @SignedIn()
  coverage(): Promise<CalendarYearDto[]> {
    const year = new Date().getUTCFullYear();
    return this.calendar.coverage(year - 5, year + 3);
  }

  @Get('official')
  @SignedIn()
  official(): Promise<OfficialCalendarYearDto[]> {
    return this.calendar.officialYears();
  }

  @Put('years/:year')
  @Roles(['admin'])
  load(
    @Param('year', new ZodValidationPipe(calendarYearParam)) year: number,
    @Body(new ZodValidationPipe(officialYearBody)) body: OfficialYearBody,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<OfficialYearSavedDto> {
    return this.calendar.loadOfficialYear(year, body, user.username, user.role);
  }
}
