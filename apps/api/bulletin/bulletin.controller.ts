import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { Roles } from '../auth/access.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/current-actor.decorator';
import { attachmentDisposition } from '../common/attachment';
import { ZodValidationPipe } from '../common/zod-validation.pipe';
import {
  bulletinDocumentQuery,
  bulletinIdParam,
  bulletinListQuery,
  bulletinSettingsBody,
  draftBulletinBody,
  editBulletinBody,
  type BulletinDocumentQuery,
  type BulletinDto,
  type BulletinListDto,
  type BulletinListQuery,
  type BulletinSettingsBody,
  type BulletinSettingsDto,
  type DraftBulletinBody,
  type EditBulletinBody,
} from './bulletin.dto';
import { BulletinService, type BulletinFile } from './bulletin.service';

/** Who reads 督办通报: those who follow the whole plan, as the bulletin spreadsheet. */
const READERS = ['leader', 'department_head', 'supervisor', 'admin'] as const;
/** Who drafts and edits them: the supervision staff, admins and leaders. Only leaders 签发. */
const DRAFTERS = ['supervisor', 'admin', 'leader'] as const;

const Id = () => Param('id', new ZodValidationPipe(bulletinIdParam));
const Year = () => Param('year', new ZodValidationPipe(bulletinListQuery.shape.year));

const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

function download(file: BulletinFile): StreamableFile {
  return new StreamableFile(file.content, { type: CONTENT_TYPES[file.format], disposition: attachmentDisposition(file.fileName, file.asciiFileName), length: file.content.length });
}

/** 督办通报 issues: drafted, edited, 签发 by a leader, downloaded as DOCX or PDF. */
@Controller('bulletins')
export class BulletinController {
  constructor(private readonly bulletins: BulletinService) {}

  @Get()
  @Roles([...READERS])
  list(@Query(new ZodValidationPipe(bulletinListQuery)) query: BulletinListQuery): Promise<BulletinListDto> {
    return this.bulletins.list(query.year);
  }

  @Post()
  @Roles([...DRAFTERS])
  @HttpCode(201)
  draft(@Body(new ZodValidationPipe(draftBulletinBody)) body: DraftBulletinBody, @CurrentUser() user: AuthenticatedUser): Promise<BulletinDto> {
    return this.bulletins.draft(body, user);
  }

  @Get('settings/:year')
  @Roles([...READERS])
  settings(@Year() year: number): Promise<BulletinSettingsDto> {
    return this.bulletins.settings(year);
  }

  @Put('settings/:year')
  @Roles(['leader', 'admin'])
  changeSettings(@Year() year: number, @Body(new ZodValidationPipe(bulletinSettingsBody)) body: BulletinSettingsBody, @CurrentUser() user: AuthenticatedUser): Promise<BulletinSettingsDto> {
    return this.bulletins.changeSettings(year, body, user);
  }

  @Get(':id')
  @Roles([...READERS])
  get(@Id() id: number): Promise<BulletinDto> {
    return this.bulletins.get(id);
  }

  @Patch(':id')
  @Roles([...DRAFTERS])
  edit(@Id() id: number, @Body(new ZodValidationPipe(editBulletinBody)) body: EditBulletinBody, @CurrentUser() user: AuthenticatedUser): Promise<BulletinDto> {
    return this.bulletins.edit(id, body, user);
  }

  @Post(':id/sign')
  @Roles(['leader'])
  @HttpCode(200)
  sign(@Id() id: number, @CurrentUser() user: AuthenticatedUser): Promise<BulletinDto> {
    return this.bulletins.sign(id, user);
  }

  @Get(':id/document')
  @Roles([...READERS])
  @Header('Cache-Control', 'no-store')
  async document(@Id() id: number, @Query(new ZodValidationPipe(bulletinDocumentQuery)) query: BulletinDocumentQuery, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    return download(await this.bulletins.document(id, query.format, user));
  }
}
