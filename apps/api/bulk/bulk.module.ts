import { Module } from '@nestjs/common';
import { MeasureModule } from '../measure/measure.module';
import { BulkController } from './bulk.controller';
import { BulkService } from './bulk.service';

/** 批量交办 / 改派 over MeasureService (one command per measure). */
@Module({ imports: [MeasureModule], controllers: [BulkController], providers: [BulkService] })
export class BulkModule {}
