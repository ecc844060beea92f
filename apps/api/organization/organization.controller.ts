import { Controller, Get, Query } from '@nestjs/common';
import { SignedIn } from '../auth/access.decorators';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { userListQuery, type DepartmentDto, type UserDto, type UserListQuery } from './organization.dto';
import { OrganizationService } from './organization.service';

@Controller()
export class OrganizationController {
  constructor(private readonly organization: OrganizationService) {}

  @Get('departments')
  @SignedIn()
  departments(): Promise<DepartmentDto[]> {
    return this.organization.departments();
  }

  @Get('users')
  @SignedIn()
  users(@Query(new ZodValidationPipe(userListQuery)) query: UserListQuery): Promise<UserDto[]> {
    return this.organization.users(query.department);
  }
}
