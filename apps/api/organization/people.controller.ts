import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Roles } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-actor.decorator';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { DocumentedBody } from '../openapi/zod-openapi';
import {
  createDepartmentBody,
  createUserBody,
  departmentCodeParam,
  importQuery,
  mergeDepartmentBody,
  moveUserBody,
  PEOPLE_IMPORT_LIMIT_BYTES,
  renameDepartmentBody,
  resetPasswordBody,
  splitDepartmentBody,
  updateUserBody,
  usernameParam,
  type AdminDepartmentDto,
  type AdminUserDto,
  type CreateDepartmentBody,
  type CreatedUserDto,
  type CreateUserBody,
  type DepartmentMergeDto,
  type DepartmentSplitDto,
  type ImportQuery,
  type MergeDepartmentBody,
  type MoveUserBody,
  type OpenMeasureDto,
  type PasswordResetDto,
  type PeopleImportDto,
  type PersonChangeDto,
  type RenameDepartmentBody,
  type ResetPasswordBody,
  type SplitDepartmentBody,
  type UpdateUserBody,
} from './people.dto';
import { PeopleService } from './people.service';

/** People and departments, administered by the admin only; every change is an audited event. */
@Controller('admin')
@Roles(['admin'])
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Get('users')
  users(): Promise<AdminUserDto[]> {
    return this.people.users();
  }

  @Post('users')
  @HttpCode(201)
  createUser(@CurrentUser() actor: AuthenticatedUser, @Body(new ZodValidationPipe(createUserBody)) body: CreateUserBody): Promise<CreatedUserDto> {
    return this.people.createUser(actor, body);
  }

  @Patch('users/:username')
  updateUser(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('username', new ZodValidationPipe(usernameParam)) username: string,
    @Body(new ZodValidationPipe(updateUserBody)) body: UpdateUserBody,
  ): Promise<PersonChangeDto> {
    return this.people.updateUser(actor, username, body);
  }

  @Post('users/:username/move')
  @HttpCode(200)
  move(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('username', new ZodValidationPipe(usernameParam)) username: string,
    @Body(new ZodValidationPipe(moveUserBody)) body: MoveUserBody,
  ): Promise<PersonChangeDto> {
    return this.people.move(actor, username, body.departmentCode);
  }

  @Post('users/:username/deactivate')
  @HttpCode(200)
  deactivate(@CurrentUser() actor: AuthenticatedUser, @Param('username', new ZodValidationPipe(usernameParam)) username: string): Promise<PersonChangeDto> {
    return this.people.setActive(actor, username, false);
  }

  @Post('users/:username/activate')
  @HttpCode(200)
  activate(@CurrentUser() actor: AuthenticatedUser, @Param('username', new ZodValidationPipe(usernameParam)) username: string): Promise<PersonChangeDto> {
    return this.people.setActive(actor, username, true);
  }

  @Post('users/:username/reset-password')
  @HttpCode(200)
  resetPassword(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('username', new ZodValidationPipe(usernameParam)) username: string,
    @Body(new ZodValidationPipe(resetPasswordBody)) body: ResetPasswordBody,
  ): Promise<PasswordResetDto> {
    return this.people.resetPassword(actor, username, body.password);
  }

  @Get('users/:username/open-measures')
  openMeasures(@Param('username', new ZodValidationPipe(usernameParam)) username: string): Promise<OpenMeasureDto[]> {
    return this.people.openMeasures(username);
  }

  @Get('departments')
  departments(): Promise<AdminDepartmentDto[]> {
    return this.people.departments();
  }

  @Post('departments')
  @HttpCode(201)
  createDepartment(@CurrentUser() actor: AuthenticatedUser, @Body(new ZodValidationPipe(createDepartmentBody)) body: CreateDepartmentBody): Promise<AdminDepartmentDto> {
    return this.people.createDepartment(actor, body);
  }

  @Patch('departments/:code')
  renameDepartment(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('code', new ZodValidationPipe(departmentCodeParam)) code: string,
    @Body(new ZodValidationPipe(renameDepartmentBody)) body: RenameDepartmentBody,
  ): Promise<AdminDepartmentDto> {
    return this.people.renameDepartment(actor, code, body.name);
  }

  @Post('departments/:code/merge')
  @HttpCode(200)
  merge(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('code', new ZodValidationPipe(departmentCodeParam)) code: string,
    @Body(new ZodValidationPipe(mergeDepartmentBody)) body: MergeDepartmentBody,
  ): Promise<DepartmentMergeDto> {
    return this.people.merge(actor, code, body.into);
  }

  @Post('departments/:code/split')
  @HttpCode(200)
  split(
    @CurrentUser() actor: AuthenticatedUser,
    @Param('code', new ZodValidationPipe(departmentCodeParam)) code: string,
    @Body(new ZodValidationPipe(splitDepartmentBody)) body: SplitDepartmentBody,
  ): Promise<DepartmentSplitDto> {
    return this.people.split(actor, code, body);
  }

  /** A CSV or XLSX sheet of departments and/or people as the multipart `file` field (≤ 2 MB); `dryRun` defaults to true. */
  @Post('people-import')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: PEOPLE_IMPORT_LIMIT_BYTES, files: 1 } }))
  @DocumentedBody({
    required: true,
    content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } } },
  })
  importPeople(
    @CurrentUser() actor: AuthenticatedUser,
    @Query(new ZodValidationPipe(importQuery)) query: ImportQuery,
    @UploadedFile() file?: Express.Multer.File,
  ): Promise<PeopleImportDto> {
    if (!file) throw new DomainError(ErrorCode.UnsupportedMediaType, '请以 multipart/form-data 的 file 字段上传 CSV 或 .xlsx 文件');
    return this.people.importFile(actor, file.buffer, uploadedName(file.originalname), query.dryRun);
  }
}

/** Multer reads the multipart file name as latin1; a browser sends UTF-8 bytes. */
function uploadedName(name: string): string {
  return /^[\u0000-\u00ff]*$/.test(name) ? Buffer.from(name, 'latin1').toString('utf8') : name;
}
